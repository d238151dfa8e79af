import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { LabelChildren } from './label-children';
import { LATENCY_BUCKETS } from './latency-buckets';
import type { MetricsSource } from './metrics-listener';

/** How a service handled a message: answered, refused with a coded error (4xx), or failed (5xx). */
export type HandledOutcome = 'ok' | 'rejected' | 'error';

/**
 * A service's Prometheus metrics, in a registry of its own (nothing global):
 * - rpc_server_duration_seconds{pattern,outcome}: every request handled, from
 *   the handler's start (validation included) to its answer; _count is the
 *   request count. The pattern is the handler's, never anything the caller sent;
 * - Node's process metrics (event loop lag, heap, GC, handles).
 * Every series carries `service` (menu, order...), so one Prometheus job can
 * scrape every instance of every service.
 */
export class ServiceMetrics implements MetricsSource {
  readonly registry = new Registry();
  private readonly handledChildren: LabelChildren<Histogram.Internal<string>>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    const handled = new Histogram({
      name: 'rpc_server_duration_seconds',
      help: 'Time to handle a message, by pattern and outcome (ok, rejected, error)',
      labelNames: ['pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.handledChildren = new LabelChildren((...l) => handled.labels(...l));
    collectDefaultMetrics({ register: this.registry });
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
