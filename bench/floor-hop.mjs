#!/usr/bin/env node
// The floor of one hop on this machine: what the gateway's uncached route would cost
// with no framework at all. Bare Fastify forwards GET /v1/menu/:id to a raw service
// and answers with its reply: over TCP with Nest's wire format (`<length>#<json>`,
// writes coalesced per turn), or as a NATS request to a plain subscriber in a queue
// group (nats.js at its fastest here: no async stack traces, which cost an Error per
// request, and writes coalesced per turn as the gateway's are).
// No validation, auth, rate limit, breaker, headers or errors: `npm run bench`
// reports it beside the real gateway, so the goals can be read against what any
// implementation could reach here.
//
//   node bench/floor-hop.mjs server PORT
//   node bench/floor-hop.mjs gateway PORT SERVER_PORT
//   node bench/floor-hop.mjs nats-server NATS_URL
//   node bench/floor-hop.mjs nats-gateway PORT NATS_URL
import { connect as natsConnect } from '@nats-io/transport-node';
import Fastify from 'fastify';
import { connect, createServer } from 'node:net';

const PIZZA = { id: 'margherita', name: 'Margherita', description: 'Tomato, mozzarella, basil.', priceCents: 900, currency: 'EUR', available: true };
const [role, port, serverPort] = process.argv.slice(2);

/** Frames in, frames out; the writes of one turn go out as one. */
function frames(socket, onMessage) {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffer += chunk;
    for (;;) {
      const hash = buffer.indexOf('#');
      if (hash < 0) return;
      const length = Number(buffer.slice(0, hash));
      if (buffer.length < hash + 1 + length) return;
      onMessage(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)));
      buffer = buffer.slice(hash + 1 + length);
    }
  });
  let corked = false;
  return (message) => {
    const json = JSON.stringify(message);
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => ((corked = false), socket.uncork()));
    }
    socket.write(json.length + '#' + json);
  };
}

/** The first flush of a turn at once, the rest of the turn's in one write (libs/transport coalesceNatsWrites). */
async function fastNats(servers) {
  const nc = await natsConnect({ servers, noAsyncTraces: true });
  const protocol = nc.protocol;
  const flushNow = protocol.flushPending.bind(protocol);
  let inTurn = false;
  let held = false;
  protocol.flushPending = () => {
    if (inTurn) return void (held = true);
    inTurn = true;
    setImmediate(() => ((inTurn = false), held && ((held = false), flushNow())));
    flushNow();
  };
  return nc;
}

if (role === 'nats-server') {
  const nc = await fastNats(port);
  for await (const m of nc.subscribe('menu.pizza.get', { queue: 'menu' })) m.respond(JSON.stringify(PIZZA));
} else if (role === 'nats-gateway') {
  const nc = await fastNats(serverPort);
  const app = Fastify({ logger: false });
  app.get('/v1/menu/:id', async (request) => (await nc.request('menu.pizza.get', JSON.stringify({ id: request.params.id }), { timeout: 5000 })).json());
  await app.listen({ port: Number(port), host: '127.0.0.1' });
} else if (role === 'server') {
  createServer((socket) => {
    const send = frames(socket, (m) => send({ id: m.id, response: PIZZA, isDisposed: true }));
  }).listen(Number(port), '127.0.0.1');
} else {
  const socket = connect(Number(serverPort), '127.0.0.1');
  const pending = new Map();
  let seq = 0;
  const send = frames(socket, (m) => {
    pending.get(m.id)?.(m.response);
    pending.delete(m.id);
  });
  const app = Fastify({ logger: false });
  app.get('/v1/menu/:id', (request, reply) => {
    const id = String(++seq);
    pending.set(id, (pizza) => reply.send(pizza));
    send({ pattern: 'menu.pizza.get', data: { id: request.params.id }, id });
  });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
}
