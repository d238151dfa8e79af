import { LabelChildren, LATENCY_BUCKETS, RpcClientMetrics, type MetricsSource } from '@pizza/metrics';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, in a registry of its own (nothing global):
 * - http_request_duration_seconds{method,route,status_code}: every answer, by
 *   route template (never the raw URL: ids are not labels, and nothing a caller
 *   sends can add series), its _count is the request count;
 * - http_cache_results_total{route,result}: hit, miss, stale of the response cache;
 * - http_client_errors_total{code}: connections refused before a request existed
 *   (REQUEST_TIMEOUT, HEADERS_TOO_LARGE, VALIDATION_FAILED: see ClientErrors);
 * - the calls to the services (`clients`, RpcClientMetrics, shared with the
 *   services' own calls): rpc_client_duration_seconds{service,pattern,outcome},
 *   rpc_client_retries_total, circuit_breaker_state{service}, rpc_client_instances;
 * - Node's process metrics (event loop lag, heap, GC, handles), prefixed nodejs_/process_.
 */
export class GatewayMetrics implements MetricsSource {
  readonly registry = new Registry();
  /** What the RPC clients report to (the process's RpcObserver). */
  readonly clients = new RpcClientMetrics(this.registry);
  private readonly http: LabelChildren<Histogram.Internal<string>>;
  private readonly cache: LabelChildren<Counter.Internal>;
  private readonly clientErrors: LabelChildren<Counter.Internal>;

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
    const clientErrors = new Counter({
      name: 'http_client_errors_total',
      help: 'Connections answered and closed before a request existed (too slow, headers too large, not HTTP), by code',
      labelNames: ['code'],
      registers,
    });
    this.clientErrors = new LabelChildren((...l) => clientErrors.labels(...l));
    collectDefaultMetrics({ register: this.registry });
  }

  httpAnswered(method: string, route: string, status: number, seconds: number): void {
    this.http.get(method, route, String(status)).observe(seconds);
  }

  cacheAnswered(route: string, result: string): void {
    this.cache.get(route, result).inc();
  }

  clientRefused(code: string): void {
    this.clientErrors.get(code).inc();
  }

  /** The Prometheus text exposition. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
