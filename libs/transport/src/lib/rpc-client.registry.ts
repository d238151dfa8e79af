import type { OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory } from '@nestjs/microservices';
import { TransportKind, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { EventPublisher } from './event-publisher';
import { RpcClient } from './rpc-client';
import { clientOptions, natsEventClientOptions } from './transport-options';

export interface RpcClientsOptions {
  /** Services this process calls. */
  clients: ServiceDescriptor[];
  /** TCP only: which services receive each event this process publishes. NATS ignores it. */
  eventRoutes?: Record<string, ServiceDescriptor[]>;
}

/** Owns every client of a process: creates them once from config and closes them on shutdown. */
export class RpcClientRegistry implements OnApplicationShutdown {
  private readonly clients = new Map<string, RpcClient>();
  private natsEvents?: RpcClient;

  constructor(
    private readonly env: TransportEnv,
    private readonly options: RpcClientsOptions,
  ) {}

  client(service: ServiceDescriptor): RpcClient {
    let client = this.clients.get(service.name);
    if (!client) {
      client = new RpcClient(ClientProxyFactory.create(clientOptions(this.env, service)), service.name, this.env.RPC_TIMEOUT_MS);
      this.clients.set(service.name, client);
    }
    return client;
  }

  publisher(): EventPublisher {
    if (this.env.TRANSPORT === TransportKind.NATS) {
      return new EventPublisher(() => [this.natsEventsClient()]);
    }
    const routes = this.options.eventRoutes ?? {};
    return new EventPublisher((pattern) => (routes[pattern] ?? []).map((s) => this.client(s)));
  }

  private natsEventsClient(): RpcClient {
    this.natsEvents ??= new RpcClient(ClientProxyFactory.create(natsEventClientOptions(this.env)), 'nats', this.env.RPC_TIMEOUT_MS);
    return this.natsEvents;
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.clients.values(), ...(this.natsEvents ? [this.natsEvents] : [])];
    await Promise.allSettled(all.map((c) => c.close()));
  }
}
