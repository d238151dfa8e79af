import type { LoggerService } from '@nestjs/common';
import { rawExchange } from '@pizza/testing';
import { listenForScrapes, type MetricsListener, type MetricsSource } from './metrics-listener';

describe('listenForScrapes', () => {
  const logged: string[] = [];
  const logger = { log: () => undefined, error: (m: string) => void logged.push(m) } as unknown as LoggerService;
  let text: () => Promise<string>;
  const source: MetricsSource = { contentType: 'text/plain; version=0.0.4; charset=utf-8', exposition: () => text() };
  let listener: MetricsListener;

  beforeEach(async () => {
    text = async () => 'up 1\n';
    listener = await listenForScrapes(source, { host: '127.0.0.1', port: 0 }, logger);
  });
  afterEach(() => listener.close());

  const scrape = (path = '/metrics', method = 'GET') => fetch(`http://127.0.0.1:${listener.port}${path}`, { method });

  it('serves the exposition on GET /metrics, never cached', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(source.contentType);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('up 1\n');
  });

  it('answers nothing else: 404 for another path, 405 for another method', async () => {
    expect((await scrape('/')).status).toBe(404);
    expect((await scrape('/metrics', 'POST')).status).toBe(405);
  });

  it('answers 500 without the reason when the exposition fails, and logs the reason', async () => {
    text = async () => {
      throw new Error('collector broke');
    };
    const res = await scrape();
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('collector broke');
    expect(logged.at(-1)).toContain('collector broke');
  });

  it('refuses to start on a port that is taken', async () => {
    await expect(listenForScrapes(source, { host: '127.0.0.1', port: listener.port }, logger)).rejects.toThrow(/EADDRINUSE/);
  });

  it('cuts off a client that stalls its request with a 408 at the bound, so it cannot hold connections open', async () => {
    const boundMs = 300;
    const strict = await listenForScrapes(source, { host: '127.0.0.1', port: 0, requestTimeoutMs: boundMs }, logger);
    try {
      const url = `http://127.0.0.1:${strict.port}`;
      const [stalledHeaders, silent] = await Promise.all([rawExchange(url, 'GET /metrics HTTP/1.1\r\nhost: x\r\n'), rawExchange(url, '')]);
      for (const { status, closedAfterMs } of [stalledHeaders, silent]) {
        expect(status).toBe(408);
        expect(closedAfterMs).toBeGreaterThanOrEqual(boundMs - 5);
        // Checked every tenth of the bound (Node's default would be every 30 s), plus slack for a loaded machine.
        expect(closedAfterMs).toBeLessThan(boundMs * 1.1 + 3000);
      }
      // A scrape that arrives in time is still served.
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
