import { Logger, type LoggerService } from '@nestjs/common';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { requestTimeBound } from '@pizza/config';

export const METRICS_PATH = '/metrics';

/** What a scrape reads: a Prometheus registry, or anything that writes its text format. */
export interface MetricsSource {
  readonly contentType: string;
  exposition(): Promise<string>;
}

export interface MetricsListener {
  /** The port it listens on (the one asked for, or the one the system chose for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** How long a scraper has to send its request, headers included: a scrape is one small GET. */
export const SCRAPE_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Serves GET /metrics of `source` on host:port, apart from the public or RPC
 * listener: the scrape never meets rate limits, auth or a drain, and the API
 * port never exposes metrics. Rejects when the port cannot be had (the process
 * then refuses to start); once listening, a failure is logged, never thrown.
 *
 * A client gets `requestTimeoutMs` to send its request and is then answered 408 and
 * cut off, so a stalled or trickling client cannot hold connections open (Node's own
 * bounds are 60 s for headers and 300 s for a request, checked every 30 s; in
 * docker-compose this port listens on every interface).
 */
export async function listenForScrapes(
  source: MetricsSource,
  { host, port, requestTimeoutMs = SCRAPE_REQUEST_TIMEOUT_MS }: { host: string; port: number; requestTimeoutMs?: number },
  logger: LoggerService = new Logger('Metrics'),
): Promise<MetricsListener> {
  const server = createServer(requestTimeBound(requestTimeoutMs), (req, res) => void serve(source, req, res, logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => (server.off('error', reject), resolve()));
  });
  server.on('error', (err) => logger.error(`metrics listener: ${err.message}`));
  const bound = (server.address() as { port: number }).port;
  logger.log(`metrics on http://${host}:${bound}${METRICS_PATH}`);
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(source: MetricsSource, req: IncomingMessage, res: ServerResponse, logger: LoggerService): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== METRICS_PATH) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
  try {
    const body = await source.exposition();
    res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    logger.error(`metrics exposition failed: ${(err as Error).message}`);
    res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
  }
}
