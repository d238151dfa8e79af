import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RpcClientRegistry } from '@pizza/transport';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GatewayMetrics } from './gateway-metrics';

export const METRICS_PATH = '/metrics';

/**
 * Serves GET /metrics on METRICS_HOST:METRICS_PORT, apart from the public
 * listener: the API port never exposes them, and a scrape never meets the rate
 * limits, auth or the drain of the public side. Nothing starts when metrics are off.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly config: ConfigService,
    @Inject(GatewayMetrics) private readonly metrics: GatewayMetrics | null,
    private readonly clients: RpcClientRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const metrics = this.metrics;
    if (!metrics) return;
    metrics.watchClients(() => this.clients.all());
    const port = this.config.getOrThrow<number>('METRICS_PORT');
    const host = this.config.getOrThrow<string>('METRICS_HOST');
    const server = createServer((req, res) => void this.serve(metrics, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => (server.off('error', reject), resolve()));
    });
    // Once listening, a failure of the metrics listener is logged; it must not take the gateway down.
    server.on('error', (err) => this.logger.error(`metrics listener: ${err.message}`));
    this.server = server;
    this.logger.log(`metrics on http://${host}:${port}${METRICS_PATH}`);
  }

  private async serve(metrics: GatewayMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    try {
      const body = await metrics.exposition();
      res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      this.logger.error(`metrics exposition failed: ${(err as Error).message}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
