import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { listenForScrapes, type MetricsListener as Listener } from '@pizza/metrics';
import { GatewayMetrics } from './gateway-metrics';

/**
 * The gateway's metrics on METRICS_HOST:METRICS_PORT (listenForScrapes). Nothing
 * starts when metrics are off.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private listener?: Listener;

  constructor(
    private readonly config: ConfigService,
    @Inject(GatewayMetrics) private readonly metrics: GatewayMetrics | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.metrics) return;
    this.listener = await listenForScrapes(this.metrics, {
      host: this.config.getOrThrow<string>('METRICS_HOST'),
      port: this.config.getOrThrow<number>('METRICS_PORT'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }
}
