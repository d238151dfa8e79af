import { Inject, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { EventPublisher } from './event-publisher';
import { RpcClientRegistry, type RpcClientsOptions } from './rpc-client.registry';
import { RPC_OBSERVER, type RpcObserver } from './rpc-observer';
import { readResilienceEnv, readTransportEnv } from './transport-env.reader';

/**
 * Registers a typed RpcClient for each service a process calls (injected with
 * @InjectRpcClient(MenuService)) and an EventPublisher, all built from the
 * validated transport config: the code never says TCP or NATS. When the process
 * provides an RpcObserver (RPC_OBSERVER, e.g. from a global metrics module), every
 * client reports its calls to it.
 */
@Module({})
export class RpcClientsModule {
  static register(options: RpcClientsOptions): DynamicModule {
    const registry: Provider = {
      provide: RpcClientRegistry,
      useFactory: (config: ConfigService, observer?: RpcObserver | null) =>
        new RpcClientRegistry(readTransportEnv(config), readResilienceEnv(config), options, observer ?? undefined),
      // Optional: a process that provides no RPC_OBSERVER (the services) runs its clients unobserved.
      inject: [ConfigService, { token: RPC_OBSERVER, optional: true }],
    };
    const clients: Provider[] = options.clients.map((service) => ({
      provide: service.clientToken,
      useFactory: (r: RpcClientRegistry) => r.client(service),
      inject: [RpcClientRegistry],
    }));
    const publisher: Provider = { provide: EventPublisher, useFactory: (r: RpcClientRegistry) => r.publisher(), inject: [RpcClientRegistry] };
    return {
      module: RpcClientsModule,
      providers: [registry, ...clients, publisher],
      exports: [...options.clients.map((s) => s.clientToken), EventPublisher, RpcClientRegistry],
    };
  }
}

/** Injects the RpcClient of a service: `@InjectRpcClient(MenuService) menu: RpcClient<MenuPatternMap>`. */
export const InjectRpcClient = (service: ServiceDescriptor): ParameterDecorator & PropertyDecorator => Inject(service.clientToken);
