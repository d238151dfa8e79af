import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ToBoolean, ToInt } from './env.transformers';

/**
 * How callers protect themselves from slow or failing services: retries on
 * idempotent calls within a budget, a circuit breaker per service, and passive
 * outlier ejection of TCP instances. Defaults follow Envoy's and Hystrix's.
 */
export class ResilienceEnv {
  /** Off: no breaker, no retries, no bulkhead (deadlines and balancing stay). For measuring their cost; keep on. */
  @ToBoolean() @IsBoolean() RPC_RESILIENCE_ENABLED: boolean = true;

  /** Extra attempts of an idempotent call: after a transport error, or a hedge of a slow try. */
  @ToInt() @IsInt() @Min(0) @Max(5) RPC_RETRY_MAX: number = 1;
  /** Retries may add at most this share of load (token bucket: each call earns this % of a retry). */
  @ToInt() @IsInt() @Min(0) @Max(100) RPC_RETRY_BUDGET_PERCENT: number = 20;
  /** First backoff; doubles per attempt, with full jitter. */
  @ToInt() @IsInt() @Min(0) @Max(10_000) RPC_RETRY_BACKOFF_MS: number = 25;
  /** Share of the deadline after which an idempotent call still unanswered gets a second try (a hedge; the first is not cut short). 100: never. */
  @ToInt() @IsInt() @Min(10) @Max(100) RPC_HEDGE_AFTER_PERCENT: number = 50;

  /**
   * Calls one process may have waiting on one service at once (a bulkhead, as Envoy's max_requests,
   * whose default this is): one more is answered 503 UPSTREAM_OVERLOADED at once and not sent.
   * 0: no bound.
   */
  @ToInt() @IsInt() @Min(0) @Max(1_000_000) RPC_MAX_IN_FLIGHT: number = 1024;

  /** Failure ratio over the rolling window that opens a breaker. */
  @ToInt() @IsInt() @Min(1) @Max(100) BREAKER_ERROR_PERCENT: number = 50;
  /** Calls needed in the window before the ratio counts. */
  @ToInt() @IsInt() @Min(1) @Max(10_000) BREAKER_MIN_VOLUME: number = 10;
  @ToInt() @IsInt() @Min(100) @Max(600_000) BREAKER_WINDOW_MS: number = 10_000;
  /** Open time before one trial call (half-open). */
  @ToInt() @IsInt() @Min(50) @Max(600_000) BREAKER_SLEEP_MS: number = 5000;

  /** Consecutive transport failures that eject a TCP instance from balancing. */
  @ToInt() @IsInt() @Min(1) @Max(100) OUTLIER_CONSECUTIVE_FAILURES: number = 3;
  /** How long an ejected instance rests before it is tried again. */
  @ToInt() @IsInt() @Min(50) @Max(600_000) OUTLIER_EJECT_MS: number = 5000;

  /**
   * How long an event no instance of its receiver would take (none up: the connection refused) is
   * tried again, with backoff, before it is dropped. An event that was sent is never sent again.
   * 0: dropped at once.
   */
  @ToInt() @IsInt() @Min(0) @Max(3_600_000) EVENT_REDELIVERY_MS: number = 300_000;
}
