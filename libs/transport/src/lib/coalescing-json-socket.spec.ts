import { once } from 'node:events';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { JsonSocket } from '@nestjs/microservices';
import { CoalescingJsonSocket } from './coalescing-json-socket';

/** A peer using Nest's own JsonSocket: proves the wire format is unchanged. */
async function nestPeer(): Promise<{ server: Server; port: number; received: unknown[]; arrived: (n: number) => Promise<void> }> {
  const received: unknown[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = createServer((raw) => {
    new JsonSocket(raw).on('message', (m: unknown) => {
      received.push(m);
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const arrived = (n: number) =>
    new Promise<void>((resolve, reject) => {
      if (received.length >= n) return resolve();
      waiters.push({ n, resolve });
      setTimeout(() => reject(new Error(`only ${received.length} of ${n} messages arrived`)), 2000).unref();
    });
  return { server, port: (server.address() as AddressInfo).port, received, arrived };
}

describe('CoalescingJsonSocket', () => {
  let peer: Awaited<ReturnType<typeof nestPeer>>;
  let raw: Socket;
  let socket: CoalescingJsonSocket;

  beforeEach(async () => {
    peer = await nestPeer();
    raw = new Socket();
    socket = new CoalescingJsonSocket(raw);
    socket.connect(peer.port, '127.0.0.1');
    await once(raw, 'connect');
  });

  afterEach(async () => {
    raw.destroy();
    await new Promise((r) => peer.server.close(r));
  });

  it('sends the first message of a turn at once and the rest of the turn in one write, in order, readable by Nest', async () => {
    const writev = jest.spyOn(raw as unknown as { _writev: () => void }, '_writev');
    const write = jest.spyOn(raw as unknown as { _write: () => void }, '_write');
    for (let i = 0; i < 50; i++) socket.sendMessage({ pattern: 'menu.pizza.get', data: { n: i }, id: String(i) });
    expect(write).toHaveBeenCalledTimes(1);

    await peer.arrived(50);
    expect(write).toHaveBeenCalledTimes(1);
    expect(writev).toHaveBeenCalledTimes(1);
    expect(peer.received.map((m) => (m as { data: { n: number } }).data.n)).toEqual([...Array(50).keys()]);
  });

  it('flushes every turn: a message sent later is not held back', async () => {
    socket.sendMessage({ id: 'a' });
    await peer.arrived(1);
    socket.sendMessage({ id: 'b' });
    await peer.arrived(2);
    expect(peer.received).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('reports a held message as failed, not lost, when the socket dies before the turn ends', async () => {
    socket.sendMessage({ id: 'a' });
    const held = new Promise<unknown>((resolve) => socket.sendMessage({ id: 'b' }, resolve));
    raw.destroy();
    expect(await held).toMatchObject({ code: 'ERR_STREAM_DESTROYED' });
  });
});
