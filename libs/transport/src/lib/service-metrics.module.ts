import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { ServiceMetrics } from '@pizza/metrics';
import { RPC_OBSERVER } from './rpc-observer';

/**
 * A service's metrics (ServiceMetrics), made before its modules so that its own
 * RPC clients (RpcClientsModule) report their calls to them (RPC_OBSERVER), as the
 * gateway's do. bootstrapService imports it beside the service's module. With
 * METRICS_PORT unset both are null: nothing is kept and no message pays for it.
 */
@Global()
@Module({})
export class ServiceMetricsModule {
  static forService(service: ServiceDescriptor): DynamicModule {
    return {
      module: ServiceMetricsModule,
      providers: [
        {
          provide: ServiceMetrics,
          useFactory: (config: ConfigService) => (config.get<number>('METRICS_PORT') === undefined ? null : new ServiceMetrics(service.name)),
          inject: [ConfigService],
        },
        { provide: RPC_OBSERVER, useFactory: (metrics: ServiceMetrics | null) => metrics?.clients ?? null, inject: [ServiceMetrics] },
      ],
      exports: [ServiceMetrics, RPC_OBSERVER],
    };
  }
}
