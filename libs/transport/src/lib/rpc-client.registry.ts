import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { serviceTimeoutMs, TransportKind, type ResilienceEnv, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { DEFAULT_REDELIVERY, EventPublisher, type EventReceiver } from './event-publisher';
import { InstancePool } from './instance-pool';
import { NatsEventRoute } from './nats-event-route';
import { RetryBudget } from './retry-budget';
import { RpcClient } from './rpc-client';
import type { RpcObserver } from './rpc-observer';
import { ServiceBreaker } from './service-breaker';
import { clientOptions, createClientProxy, natsEventClientOptions } from './transport-options';

export interface RpcClientsOptions {
  /** Services this process calls. */
  clients: ServiceDescriptor[];
  /**
   * Which services receive each event this process publishes, sent to each and kept for it while
   * no instance of it is up (EventPublisher). Over NATS an event with none listed is published to
   * every subscriber (menu.updated, for every gateway instance).
   */
  eventRoutes?: Record<string, ServiceDescriptor[]>;
}

/** Owns every client of a process: creates them once from config and closes them on shutdown. */
export class RpcClientRegistry implements OnApplicationShutdown {
  private readonly clients = new Map<string, RpcClient>();
  private natsEvents?: RpcClient;
  private natsProxy?: ClientProxy;
  private readonly natsRoutes = new Map<string, NatsEventRoute>();
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
        maxInFlight: on ? this.resilience.RPC_MAX_IN_FLIGHT : 0,
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
    const receivers = (pattern: string) => routes[pattern] ?? [];
    const targets: (pattern: string) => EventReceiver[] =
      this.env.TRANSPORT === TransportKind.NATS
        ? (pattern) => (receivers(pattern).length ? receivers(pattern).map((s) => this.natsRoute(s)) : [this.natsEventsClient()])
        : (pattern) => receivers(pattern).map((s) => this.client(s));
    const publisher = new EventPublisher(targets, { ...DEFAULT_REDELIVERY, forMs: this.resilience.EVENT_REDELIVERY_MS });
    this.publishers.push(publisher);
    return publisher;
  }

  /** One NATS connection publishes every event of this process, whichever way it goes. */
  private natsConnection(): ClientProxy {
    this.natsProxy ??= createClientProxy(natsEventClientOptions(this.env));
    return this.natsProxy;
  }

  private natsRoute(service: ServiceDescriptor): NatsEventRoute {
    let route = this.natsRoutes.get(service.name);
    if (!route) {
      route = new NatsEventRoute(service.name, this.natsConnection(), serviceTimeoutMs(this.env, service.name));
      this.natsRoutes.set(service.name, route);
    }
    return route;
  }

  private natsEventsClient(): RpcClient {
    this.natsEvents ??= new RpcClient(
      'nats',
      InstancePool.of('nats', [{ label: 'nats', proxy: this.natsConnection() }], { maxFailures: 1_000_000, ejectMs: 1 }),
      { timeoutMs: this.env.RPC_TIMEOUT_MS, retryable: new Set(), keyed: new Set(), retryMax: 0, backoffMs: 0, hedgeAfterPercent: 100, budget: new RetryBudget(0, 0) },
    );
    return this.natsEvents;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const p of this.publishers) p.close();
    const all = [...this.clients.values(), ...(this.natsEvents ? [this.natsEvents] : [])];
    await Promise.allSettled([...all.map((c) => c.close()), ...(this.natsProxy ? [this.natsProxy.close()] : [])]);
  }
}
