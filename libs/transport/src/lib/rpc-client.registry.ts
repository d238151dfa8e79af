import type { OnApplicationShutdown } from '@nestjs/common';
import { serviceTimeoutMs, TransportKind, type ResilienceEnv, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { DEFAULT_REDELIVERY, EventPublisher } from './event-publisher';
import { InstancePool } from './instance-pool';
import { RetryBudget } from './retry-budget';
import { RpcClient } from './rpc-client';
import type { RpcObserver } from './rpc-observer';
import { ServiceBreaker } from './service-breaker';
import { clientOptions, createClientProxy, natsEventClientOptions } from './transport-options';

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
  private readonly publishers: EventPublisher[] = [];

  constructor(
    private readonly env: TransportEnv,
    private readonly resilience: ResilienceEnv,
    private readonly options: RpcClientsOptions,
    private readonly observer?: RpcObserver,
  ) {
    observer?.watchClients(() => this.clients);
  }

  client(service: ServiceDescriptor): RpcClient {
    let client = this.clients.get(service.name);
    if (!client) {
      const pool = InstancePool.of(
        service.name,
        clientOptions(this.env, service).map(({ label, options }) => ({ label, proxy: createClientProxy(options) })),
        { maxFailures: this.resilience.OUTLIER_CONSECUTIVE_FAILURES, ejectMs: this.resilience.OUTLIER_EJECT_MS },
      );
      const on = this.resilience.RPC_RESILIENCE_ENABLED;
      client = new RpcClient(service.name, pool, {
        timeoutMs: serviceTimeoutMs(this.env, service.name),
        retryable: new Set(service.idempotentPatterns ?? []),
        keyed: new Set(service.keyedPatterns ?? []),
        retryMax: on ? this.resilience.RPC_RETRY_MAX : 0,
        backoffMs: this.resilience.RPC_RETRY_BACKOFF_MS,
        hedgeAfterPercent: this.resilience.RPC_HEDGE_AFTER_PERCENT,
        budget: new RetryBudget(this.resilience.RPC_RETRY_BUDGET_PERCENT / 100),
        breaker: on
          ? new ServiceBreaker(service.name, {
              errorPercent: this.resilience.BREAKER_ERROR_PERCENT,
              minVolume: this.resilience.BREAKER_MIN_VOLUME,
              windowMs: this.resilience.BREAKER_WINDOW_MS,
              sleepMs: this.resilience.BREAKER_SLEEP_MS,
            })
          : undefined,
        observer: this.observer,
      });
      this.clients.set(service.name, client);
    }
    return client;
  }

  publisher(): EventPublisher {
    const routes = this.options.eventRoutes ?? {};
    const targets = this.env.TRANSPORT === TransportKind.NATS ? () => [this.natsEventsClient()] : (pattern: string) => (routes[pattern] ?? []).map((s) => this.client(s));
    const publisher = new EventPublisher(targets, { ...DEFAULT_REDELIVERY, forMs: this.resilience.EVENT_REDELIVERY_MS });
    this.publishers.push(publisher);
    return publisher;
  }

  private natsEventsClient(): RpcClient {
    this.natsEvents ??= new RpcClient(
      'nats',
      InstancePool.of('nats', [{ label: 'nats', proxy: createClientProxy(natsEventClientOptions(this.env)) }], { maxFailures: 1_000_000, ejectMs: 1 }),
      { timeoutMs: this.env.RPC_TIMEOUT_MS, retryable: new Set(), keyed: new Set(), retryMax: 0, backoffMs: 0, hedgeAfterPercent: 100, budget: new RetryBudget(0, 0) },
    );
    return this.natsEvents;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const p of this.publishers) p.close();
    const all = [...this.clients.values(), ...(this.natsEvents ? [this.natsEvents] : [])];
    await Promise.allSettled(all.map((c) => c.close()));
  }
}
