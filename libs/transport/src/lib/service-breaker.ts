import { Logger } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { UpstreamError } from './upstream.error';

export interface BreakerPolicy {
  /** Failure percentage over the window that opens the breaker. */
  errorPercent: number;
  /** Calls in the window before the percentage counts. */
  minVolume: number;
  windowMs: number;
  /** Open time before one trial call. */
  sleepMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * opossum's options for `policy`, counting only. With percentiles on, opossum keeps every call's
 * latency, and on every bucket (snapshot) and every failure (the open check) concatenates and
 * sorts the window's latencies: O(n log n) per failed call, at the moment a dependency fails
 * under load. Nothing here reads them.
 */
export function countingBreakerOptions(policy: BreakerPolicy): CircuitBreaker.Options {
  return {
    timeout: false,
    errorThresholdPercentage: policy.errorPercent,
    volumeThreshold: policy.minVolume,
    rollingCountTimeout: policy.windowMs,
    rollingCountBuckets: 10,
    resetTimeout: policy.sleepMs,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
  };
}

/**
 * One circuit breaker per downstream service (opossum). A coded answer from the
 * service (ORDER.NOT_FOUND, PAYMENT.DECLINED...) is a success here: the service is
 * alive; so is one relaying the failure of a service it called (a 503 from order-service
 * because the menu is down must not cut the gateway off from orders). Timeouts,
 * unreachable instances and internal errors count as failures.
 * While open, calls fail at once with `circuit-open` and the service gets nothing.
 */
export class ServiceBreaker {
  private readonly logger = new Logger('CircuitBreaker');
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private openedAt = 0;
  /** When the half-open trial in flight will have its answer, at the latest (its deadline). */
  private trialEndsAt = 0;

  constructor(
    readonly service: string,
    private readonly policy: BreakerPolicy,
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      ...countingBreakerOptions(policy),
      // The service answered: with a coded business error, or relaying a failure of a service
      // behind it (its own 503/504). Neither says this service is failing; its other calls work.
      errorFilter: (err: unknown) => err instanceof UpstreamError && err.failure === 'rejected' && (err.payload.status < 500 || err.relayed),
    });
    this.breaker.on('open', () => {
      this.openedAt = Date.now();
      this.logger.warn(`${service}: circuit open for ${policy.sleepMs} ms`);
    });
    this.breaker.on('halfOpen', () => this.logger.log(`${service}: circuit half-open, sending one trial call`));
    this.breaker.on('close', () => this.logger.log(`${service}: circuit closed`));
  }

  /** `deadlineMs`: the longest the call can take, so that, as the trial, callers know when its answer is in. */
  async run<T>(pattern: string, call: () => Promise<T>, deadlineMs: number): Promise<T> {
    // opossum lets the first call after the sleep window through (synchronously, in fire()) and
    // turns the others away until that trial settles.
    if (this.breaker.halfOpen && this.breaker.pendingClose) this.trialEndsAt = Date.now() + deadlineMs;
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (err) {
      if ((err as { code?: string })?.code === 'EOPENBREAKER') throw UpstreamError.circuitOpen(this.service, pattern, this.retryAfterMs());
      throw err;
    }
  }

  /**
   * How long a turned-away caller should wait: while open, the rest of the sleep window; while the
   * trial runs, until its deadline (then the breaker is closed, or open again with a new window).
   * Never 0: "retry at once" would send every client straight back while the one trial is out.
   */
  private retryAfterMs(): number {
    const until = this.breaker.halfOpen ? this.trialEndsAt : this.openedAt + this.policy.sleepMs;
    return Math.max(1, until - Date.now());
  }

  get state(): BreakerState {
    if (this.breaker.opened) return 'open';
    if (this.breaker.halfOpen) return 'half-open';
    return 'closed';
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
