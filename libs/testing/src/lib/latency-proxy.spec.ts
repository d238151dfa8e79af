import { createServer, connect, type Server } from 'node:net';
import { freePort } from './free-port';
import { LatencyProxy } from './latency-proxy';

/** An echo server: what the proxy forwards comes straight back, through the proxy again. */
async function echo(): Promise<{ server: Server; port: number }> {
  const port = await freePort();
  const server = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port };
}

/** Sends each message and resolves with what came back, in order, and when the last byte did. */
function exchange(port: number, messages: string[]): Promise<{ received: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const expected = messages.join('');
    let received = '';
    const socket = connect(port, '127.0.0.1', () => messages.forEach((m) => socket.write(m)));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.length >= expected.length) {
        socket.destroy();
        resolve({ received, ms: performance.now() - t0 });
      }
    });
  });
}

describe('LatencyProxy', () => {
  let target: { server: Server; port: number };
  let proxy: LatencyProxy;

  beforeAll(async () => {
    target = await echo();
    proxy = await LatencyProxy.start(await freePort(), target.port);
  });
  afterAll(async () => {
    await proxy.stop();
    await new Promise((r) => target.server.close(r));
  });

  it('forwards both ways, holding back what the service sends by delayMs', async () => {
    proxy.delayMs = 0;
    const fast = await exchange(proxy.port, ['ping']);
    proxy.delayMs = 300;
    const slow = await exchange(proxy.port, ['ping']);

    expect(fast.received).toBe('ping');
    expect(fast.ms).toBeLessThan(250);
    expect(slow.received).toBe('ping');
    expect(slow.ms).toBeGreaterThanOrEqual(295);
  });

  it('keeps the order of what the service sent when the delay goes down meanwhile', async () => {
    // A service that sends 'a' at once, then, with the delay down to 0, 'b'.
    const port = await freePort();
    const later = await LatencyProxy.start(await freePort(), port);
    const server = createServer((s) => {
      s.resume(); // reads what comes (and so sees the end of the connection)
      s.write('a');
      setTimeout(() => {
        later.delayMs = 0;
        s.write('b');
      }, 100);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    later.delayMs = 300;
    try {
      const { received, ms } = await exchange(later.port, ['xy']);
      expect(received).toBe('ab');
      expect(ms).toBeGreaterThanOrEqual(295);
    } finally {
      await later.stop();
      await new Promise((r) => server.close(r));
    }
  });
});
