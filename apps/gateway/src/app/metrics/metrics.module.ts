import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RPC_OBSERVER } from '@pizza/transport';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Global so that RpcClientsModule finds RPC_OBSERVER. With METRICS_PORT unset both
 * are null: no metric is kept and no request pays for one.
 */
@Global()
@Module({
  providers: [
    {
      provide: GatewayMetrics,
      useFactory: (config: ConfigService) => (config.get<number>('METRICS_PORT') === undefined ? null : new GatewayMetrics()),
      inject: [ConfigService],
    },
    { provide: RPC_OBSERVER, useFactory: (metrics: GatewayMetrics | null) => metrics?.clients ?? null, inject: [GatewayMetrics] },
  ],
  exports: [GatewayMetrics, RPC_OBSERVER],
})
export class MetricsModule {}
