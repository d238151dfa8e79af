import { Logger } from '@nestjs/common';
import { countingBreakerOptions, type BreakerPolicy } from '@pizza/transport';
import CircuitBreaker from 'opossum';
import { withDeadline } from './deadline';

export interface StoreBreakerPolicy extends BreakerPolicy {
  consecutiveFailures: number;
}

/** How the breaker of a shared store judges it. Fixed: the store's deadline (REDIS_TIMEOUT_MS) is the setting. */
export const STORE_BREAKER: Readonly<StoreBreakerPolicy> = {
  /**
   * Calls in a row that failed or missed their deadline: a store that stopped answering, whatever
   * the traffic. The ratio over the window alone was too slow for that: on a busy gateway the
   * window's successes from before the hang held it closed (every request waiting) for seconds,
   * and a quiet one never made its minimum volume.
   */
  consecutiveFailures: 3,
  /** Share of failed calls in the window that opens it, once `minVolume` calls were made: a store failing often. */
  errorPercent: 50,
  minVolume: 5,
  windowMs: 10_000,
  /** Open this long, then one trial call: a store back after a blip is used again within about a second. */
  sleepMs: 1000,
};

/**
 * Every call to a shared store (Redis) within its deadline, behind a circuit breaker (opossum).
 * A store that stops answering without closing its connections (paused, partitioned, a fork
 * stalling it) would otherwise cost every request the full deadline on each of its calls (rate
 * limit, cache, keys), for as long as it lasts: measured with Redis under SIGSTOP, every menu read
 * took 0.5 s and the gateway fell from thousands of requests a second to under a hundred. After
 * a few misses in a row, or many in the window, calls fail at once for `sleepMs` (callers that can go on
 * without the store do, the others answer their 503 at once) and the store is not sent commands it
 * would only queue. Then one trial call; its answer closes the breaker or opens it again.
 */
export class StoreBreaker {
  private readonly logger = new Logger('StoreBreaker');
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  /** Calls in a row that failed, since the last that did not. */
  private failuresInARow = 0;

  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    private readonly policy: Readonly<StoreBreakerPolicy> = STORE_BREAKER,
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => withDeadline(call(), timeoutMs, what), countingBreakerOptions(policy));
    // Warned once per outage: a failed trial (one a second while the store stays hung) is only a debug line.
    let trying = false;
    this.breaker.on('halfOpen', () => (trying = true));
    this.breaker.on('open', () => {
      this.failuresInARow = 0;
      if (trying) this.logger.debug(`${what}: the trial call failed too; skipping it for ${policy.sleepMs} ms more`);
      else this.logger.warn(`${what}: failing or not answering within ${timeoutMs} ms; calls skip it for ${policy.sleepMs} ms at a time until it answers`);
      trying = false;
    });
    this.breaker.on('close', () => {
      trying = false;
      this.logger.log(`${what}: answering again`);
    });
  }

  /** The call within the deadline; while the breaker is open, a rejection at once. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      const value = (await this.breaker.fire(call)) as T;
      this.failuresInARow = 0;
      return value;
    } catch (err) {
      if ((err as { code?: string })?.code === 'EOPENBREAKER') throw new Error(`${this.what} is skipped: it failed or did not answer within ${this.timeoutMs} ms just now`);
      // opossum opens on the window's ratio; this opens on a run of failures (it starts the same sleep).
      if (++this.failuresInARow >= this.policy.consecutiveFailures && !this.breaker.opened) this.breaker.open();
      throw err;
    }
  }

  get open(): boolean {
    return this.breaker.opened;
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
