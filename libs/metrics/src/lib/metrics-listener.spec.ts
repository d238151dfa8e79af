import type { LoggerService } from '@nestjs/common';
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
});
