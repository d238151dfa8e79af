import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { LabelChildren } from './label-children';
import { LATENCY_BUCKETS } from './latency-buckets';

/** What a scrape reads of each client: its breaker and its instances. */
export interface WatchedClient {
  /** closed, half-open, open, or none (resilience off). */
  readonly breakerState: string;
  readonly instances: { readonly total: number; readonly healthy: number };
  /** Calls waiting on the service now (its bulkhead bounds them). */
  readonly inFlight: number;
}

export type WatchedClients = () => ReadonlyMap<string, WatchedClient>;

const BREAKER_STATES: Record<string, number> = { none: -1, closed: 0, 'half-open': 1, open: 2 };

/**
 * The calls a process makes to services (the gateway's, and a service's own
 * calls to another), in the given registry. `service` is always the service
 * called (as on rpc_server_duration_seconds, the service that handles):
 * - rpc_client_duration_seconds{service,pattern,outcome}: every call, retries
 *   included, by outcome (ok, rejected, timeout, unavailable, circuit-open...);
 * - rpc_client_retries_total{service,pattern};
 * - circuit_breaker_state{service} (-1 none, 0 closed, 1 half-open, 2 open) and
 *   rpc_client_instances{service,state} (healthy, ejected) and rpc_client_in_flight{service}
 *   (calls waiting on it, bounded by RPC_MAX_IN_FLIGHT), read when scraped.
 * It is the RpcObserver that the RPC clients report to (same methods).
 */
export class RpcClientMetrics {
  private readonly calls: LabelChildren<Histogram.Internal<string>>;
  private readonly retries: LabelChildren<Counter.Internal>;
  private clients: WatchedClients = () => new Map();

  constructor(registry: Registry) {
    const registers = [registry];
    const calls = new Histogram({
      name: 'rpc_client_duration_seconds',
      help: 'Time a call to a service took, retries included, by service called, pattern and outcome',
      labelNames: ['service', 'pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.calls = new LabelChildren((...l) => calls.labels(...l));
    const retries = new Counter({ name: 'rpc_client_retries_total', help: 'Retries sent to a service (idempotent calls, within the retry budget)', labelNames: ['service', 'pattern'], registers });
    this.retries = new LabelChildren((...l) => retries.labels(...l));

    const clients = () => this.clients();
    new Gauge({
      name: 'circuit_breaker_state',
      help: 'Circuit breaker of each service called: -1 none, 0 closed, 1 half-open, 2 open',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [service, client] of clients()) this.set({ service }, BREAKER_STATES[client.breakerState] ?? -1);
      },
    });
    new Gauge({
      name: 'rpc_client_instances',
      help: 'Instances of each service called, healthy (in rotation) or ejected (outlier detection)',
      labelNames: ['service', 'state'],
      registers,
      collect() {
        for (const [service, { instances }] of clients()) {
          this.set({ service, state: 'healthy' }, instances.healthy);
          this.set({ service, state: 'ejected' }, instances.total - instances.healthy);
        }
      },
    });
    new Gauge({
      name: 'rpc_client_in_flight',
      help: 'Calls waiting on each service called; past RPC_MAX_IN_FLIGHT more are shed (outcome overloaded)',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [service, client] of clients()) this.set({ service }, client.inFlight);
      },
    });
  }

  /** The clients whose breakers, instances and waiting calls are reported (read at each scrape). */
  watchClients(clients: WatchedClients): void {
    this.clients = clients;
  }

  called(service: string, pattern: string, outcome: string, seconds: number): void {
    this.calls.get(service, pattern, outcome).observe(seconds);
  }

  retried(service: string, pattern: string): void {
    this.retries.get(service, pattern).inc();
  }
}
