import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { LabelChildren } from './label-children';
import { LATENCY_BUCKETS } from './latency-buckets';
import type { MetricsSource } from './metrics-listener';
import { RpcClientMetrics } from './rpc-client-metrics';

/**
 * How a service handled a message: answered, refused with a coded error (4xx), relayed the failure
 * of a service it called (its 502/503/504 UPSTREAM_*), or failed itself (5xx).
 */
export type HandledOutcome = 'ok' | 'rejected' | 'relayed' | 'error';

/**
 * A service's Prometheus metrics, in a registry of its own (nothing global):
 * - rpc_server_duration_seconds{service,pattern,outcome}: every request handled,
 *   from the handler's start (validation included) to its answer; _count is the
 *   request count. The pattern is the handler's, never anything the caller sent;
 * - the calls it makes to other services (`clients`, RpcClientMetrics:
 *   rpc_client_duration_seconds{service,...} where `service` is the one called);
 * - Node's process metrics (event loop lag, heap, GC, handles), with `service`.
 * `service` names the service that handles a call, on both sides, so one
 * Prometheus job can scrape every instance of every service and the gateway.
 */
export class ServiceMetrics implements MetricsSource {
  readonly registry = new Registry();
  /** What the service's own RPC clients report to (its RpcObserver). */
  readonly clients: RpcClientMetrics;
  private readonly handledChildren: LabelChildren<Histogram.Internal<string>>;

  constructor(service: string) {
    const handled = new Histogram({
      name: 'rpc_server_duration_seconds',
      help: 'Time to handle a message, by service, pattern and outcome (ok, rejected, relayed, error)',
      labelNames: ['service', 'pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.handledChildren = new LabelChildren((...l) => handled.labels(service, ...l));
    this.clients = new RpcClientMetrics(this.registry);
    collectDefaultMetrics({ register: this.registry, labels: { service } });
  }

  handled(pattern: string, outcome: HandledOutcome, seconds: number): void {
    this.handledChildren.get(pattern, outcome).observe(seconds);
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
