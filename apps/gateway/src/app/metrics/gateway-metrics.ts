import type { BreakerState, RpcClient, RpcObserver, RpcOutcome } from '@pizza/transport';
import { LabelChildren, LATENCY_BUCKETS, type MetricsSource } from '@pizza/metrics';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const BREAKER_STATES: Record<BreakerState | 'none', number> = { none: -1, closed: 0, 'half-open': 1, open: 2 };

type Clients = () => ReadonlyMap<string, Pick<RpcClient, 'breakerState' | 'instances'>>;

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
export class GatewayMetrics implements RpcObserver, MetricsSource {
  readonly registry = new Registry();
  private readonly http: LabelChildren<Histogram.Internal<string>>;
  private readonly cache: LabelChildren<Counter.Internal>;
  private readonly rpc: LabelChildren<Histogram.Internal<string>>;
  private readonly retries: LabelChildren<Counter.Internal>;
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
    this.http = new LabelChildren((...l) => http.labels(...l));
    const cache = new Counter({ name: 'http_cache_results_total', help: 'Answers of cached routes, by result (hit, miss, stale)', labelNames: ['route', 'result'], registers });
    this.cache = new LabelChildren((...l) => cache.labels(...l));
    const rpc = new Histogram({
      name: 'rpc_client_duration_seconds',
      help: 'Time a call to a service took, retries included, by service, pattern and outcome',
      labelNames: ['service', 'pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpc = new LabelChildren((...l) => rpc.labels(...l));
    const retries = new Counter({ name: 'rpc_client_retries_total', help: 'Retries sent to a service (idempotent calls, within the retry budget)', labelNames: ['service', 'pattern'], registers });
    this.retries = new LabelChildren((...l) => retries.labels(...l));

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
