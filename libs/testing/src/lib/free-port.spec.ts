import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort } from './free-port';

const ephemeralStart = (): number => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32_768;
  }
};

const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range, where no outgoing connection can take them', async () => {
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(ephemeralStart());
    }
  });

  it('never hands out a port something already listens on', async () => {
    const first = await freePort();
    // The ports right after the last one handed out are the next candidates: occupy them.
    const taken: (Server | undefined)[] = [];
    for (const port of [first + 1, first + 2, first + 3]) taken.push(await listenOn(port).catch(() => undefined));
    try {
      const port = await freePort();
      expect([first + 1, first + 2, first + 3]).not.toContain(port);
      const server = await listenOn(port);
      await new Promise((r) => server.close(r));
    } finally {
      await Promise.all(taken.map((s) => s && new Promise((r) => s.close(r))));
    }
  });
});
