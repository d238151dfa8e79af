#!/usr/bin/env node
// The baseline of `npm run bench`: bare Fastify answering GET /v1/menu/:id with the JSON
// a service would send. A process of its own, as every target is: served from the
// runner's own process (which also spawns the load generator) it read 10-25% slower
// on this machine, which flattered every ratio.
//
//   node bench/baseline.mjs PORT
import Fastify from 'fastify';

const PIZZA = { id: 'margherita', name: 'Margherita', description: 'Tomato, mozzarella, basil.', priceCents: 900, currency: 'EUR', available: true };
const app = Fastify({ logger: false });
app.get('/v1/menu/:id', async () => PIZZA);
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
