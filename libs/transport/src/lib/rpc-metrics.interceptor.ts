import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { HandledOutcome } from '@pizza/metrics';
import { tap, type Observable } from 'rxjs';
import { RpcErrorFilter } from './rpc-error.filter';

/** Where the handled messages are counted (ServiceMetrics). */
export interface HandledObserver {
  handled(pattern: string, outcome: HandledOutcome, seconds: number): void;
}

/**
 * Times every message a service handles, validation included, and records it
 * by the handler's pattern and outcome: ok, rejected (a coded 4xx error, the
 * caller's fault) or error (5xx). The outcome is the status RpcErrorFilter puts
 * on the wire, so the metric and the caller agree. Installed only when metrics
 * are on: with them off, no message pays for a timer.
 */
export class RpcMetricsInterceptor implements NestInterceptor {
  private readonly patterns = new WeakMap<object, string>();
  private readonly errors = new RpcErrorFilter();

  constructor(private readonly observer: HandledObserver) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const pattern = this.patternOf(context.getHandler());
    const start = performance.now();
    const record = (outcome: HandledOutcome) => this.observer.handled(pattern, outcome, (performance.now() - start) / 1000);
    return next.handle().pipe(
      tap({
        complete: () => record('ok'),
        error: (err: unknown) => record(this.errors.toPayload(err).status < 500 ? 'rejected' : 'error'),
      }),
    );
  }

  /** The handler's own pattern (read once per handler): what the caller sent is never a label. */
  private patternOf(handler: object): string {
    let pattern = this.patterns.get(handler);
    if (pattern === undefined) {
      const declared = (Reflect.getMetadata(PATTERN_METADATA, handler) as unknown[] | undefined)?.[0];
      pattern = typeof declared === 'string' ? declared : JSON.stringify(declared ?? 'unknown');
      this.patterns.set(handler, pattern);
    }
    return pattern;
  }
}
