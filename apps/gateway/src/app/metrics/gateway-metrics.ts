import type { BreakerState, RpcClient, RpcObserver, RpcOutcome } from '@pizza/transport';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a cache hit (~0.1 ms) to the longest deadline a route may have. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const BREAKER_STATES: Record<BreakerState | 'none', number> = { none: -1, closed: 0, 'half-open': 1, open: 2 };

type Clients = () => ReadonlyMap<string, Pick<RpcClient, 'breakerState' | 'instances'>>;

/** A child per label set, made once: prom-client hashes the label values on every labels() call. */
class Children<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly make: (...labels: string[]) => T) {}
  get(...labels: string[]): T {
    const key = labels.join('\0');
    let child = this.map.get(key);
    if (!child) this.map.set(key, (child = this.make(...labels)));
    return child;
  }
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (nothing global):
 * - http_request_duration_seconds{method,route,status_code}: every answer, by
 *   route template (never the raw URL: ids are not labels, and nothing a caller
 *   sends can add series), its _count is the request count;
 * - http_cache_results_total{route,result}: hit, miss, stale of the response cache;
 * - rpc_client_duration_seconds{service,pattern,outcome}: every call to a service,
 *   retries included, by outcome (ok, rejected, timeout, unavailable, circuit-open...);
 * - rpc_client_retries_total{service,pattern};
 * - circuit_breaker_state{service} (-1 none, 0 closed, 1 half-open, 2 open) and
 *   rpc_client_instances{service,state} (healthy, ejected), read when scraped;
 * - Node's process metrics (event loop lag, heap, GC, handles), prefixed nodejs_/process_.
 */
export class GatewayMetrics implements RpcObserver {
  readonly registry = new Registry();
  private readonly http: Children<Histogram.Internal<string>>;
  private readonly cache: Children<Counter.Internal>;
  private readonly rpc: Children<Histogram.Internal<string>>;
  private readonly retries: Children<Counter.Internal>;
  private clients: Clients = () => new Map();

  constructor() {
    const registers = [this.registry];
    const http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.http = new Children((...l) => http.labels(...l));
    const cache = new Counter({ name: 'http_cache_results_total', help: 'Answers of cached routes, by result (hit, miss, stale)', labelNames: ['route', 'result'], registers });
    this.cache = new Children((...l) => cache.labels(...l));
    const rpc = new Histogram({
      name: 'rpc_client_duration_seconds',
      help: 'Time a call to a service took, retries included, by service, pattern and outcome',
      labelNames: ['service', 'pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpc = new Children((...l) => rpc.labels(...l));
    const retries = new Counter({ name: 'rpc_client_retries_total', help: 'Retries sent to a service (idempotent calls, within the retry budget)', labelNames: ['service', 'pattern'], registers });
    this.retries = new Children((...l) => retries.labels(...l));

    const clients = () => this.clients();
    new Gauge({
      name: 'circuit_breaker_state',
      help: 'Circuit breaker of each service: -1 none, 0 closed, 1 half-open, 2 open',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [service, client] of clients()) this.set({ service }, BREAKER_STATES[client.breakerState]);
      },
    });
    new Gauge({
      name: 'rpc_client_instances',
      help: 'Instances of each service, healthy (in rotation) or ejected (outlier detection)',
      labelNames: ['service', 'state'],
      registers,
      collect() {
        for (const [service, { instances }] of clients()) {
          this.set({ service, state: 'healthy' }, instances.healthy);
          this.set({ service, state: 'ejected' }, instances.total - instances.healthy);
        }
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** The clients whose breakers and instances are reported (read at each scrape). */
  watchClients(clients: Clients): void {
    this.clients = clients;
  }

  httpAnswered(method: string, route: string, status: number, seconds: number): void {
    this.http.get(method, route, String(status)).observe(seconds);
  }

  cacheAnswered(route: string, result: string): void {
    this.cache.get(route, result).inc();
  }

  called(service: string, pattern: string, outcome: RpcOutcome, seconds: number): void {
    this.rpc.get(service, pattern, outcome).observe(seconds);
  }

  retried(service: string, pattern: string): void {
    this.retries.get(service, pattern).inc();
  }

  /** The Prometheus text exposition. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
