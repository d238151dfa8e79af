import { MAX_BUDGET_MS, type Envelope, type EventMap, type MessageMeta, type PatternMap } from '@pizza/contracts-common';
import { defer, lastValueFrom, mergeMap, throwError, timeout } from 'rxjs';
import type { Instance, InstancePool } from './instance-pool';
import { NotSentError, requestOnce } from './request-once';
import type { RetryBudget } from './retry-budget';
import type { RpcObserver } from './rpc-observer';
import type { BreakerState, ServiceBreaker } from './service-breaker';
import { UpstreamError } from './upstream.error';

export interface SendOptions {
  /** Travels beside the data. A service calling on for a request it serves passes that request's `budgetMs` on in it. */
  meta?: MessageMeta;
  /** Overrides the client's deadline for this call (the whole call, retries included). */
  timeoutMs?: number;
}

/**
 * What a service keeps of its caller's remaining time (meta.budgetMs) when it calls on while serving
 * that caller: 10%, at least 200 ms, never more than half. It covers the message's way in, the
 * service's own work and its answer's way back, so that a service behind it that does not answer
 * becomes the service's coded 504 before the caller's deadline: the caller sees the service up and
 * relaying, not timing out. (With 10% alone, 100 ms of a 1 s deadline, a busy machine's cold error
 * path and two hops over NATS were measured to eat it.)
 */
export const BUDGET_RESERVE = { share: 0.1, atLeastMs: 200 } as const;

/** A call's deadline: its own, within what the caller of the service making it has left. */
export function deadlineWithin(timeoutMs: number, callerBudgetMs: number | undefined): number {
  if (callerBudgetMs === undefined) return timeoutMs;
  const reserve = Math.min(Math.max(callerBudgetMs * BUDGET_RESERVE.share, BUDGET_RESERVE.atLeastMs), callerBudgetMs / 2);
  return Math.max(1, Math.min(timeoutMs, Math.floor(callerBudgetMs - reserve)));
}

/** An event as it travels: nobody waits on it, so the budget of the request that caused it does not travel on. */
export function eventEnvelope<T>(event: T, meta: MessageMeta): Envelope<T> {
  const { budgetMs, ...eventMeta } = meta;
  return { meta: budgetMs === undefined ? meta : eventMeta, data: event };
}

export interface CallPolicy {
  timeoutMs: number;
  /** Patterns safe to send twice (reads): retried after any transport failure. */
  retryable: ReadonlySet<string>;
  /** Commands whose service makes what one Idempotency-Key asks once: sent with a key, resent when the connection failed under them. */
  keyed: ReadonlySet<string>;
  retryMax: number;
  backoffMs: number;
  /** Share of the deadline after which a read still unanswered gets a second try (the first goes on). */
  hedgeAfterPercent: number;
  budget: RetryBudget;
  /**
   * Calls of this client that may wait on the service at once (a bulkhead, Envoy's max_requests):
   * one more fails at once, unsent, with `overloaded`. A slow service then costs its callers a
   * bounded number of waiting calls, and is not sent more work than it can answer. 0 or none: no bound.
   */
  maxInFlight?: number;
  breaker?: ServiceBreaker;
  /** Told of every call's outcome and of every retry (metrics). */
  observer?: RpcObserver;
}

/**
 * A typed client of one service. The pattern decides the request and response
 * types; every call has a deadline; failures are UpstreamErrors. Underneath, in
 * this order: bulkhead (at most maxInFlight calls waiting) -> circuit breaker (fail fast while the service is failing) ->
 * attempts (retries of reads on transport failures and a hedge of a slow read, of keyed
 * commands on a failed connection, and of any call that could not be sent; backoff with full
 * jitter, within the retry budget and the deadline) -> instance pool (round-robin, outlier ejection).
 * Each try tells the service its deadline (meta.budgetMs); a service calling on passes it on in
 * its own call's meta, whose deadline is then within it (deadlineWithin).
 */
export class RpcClient<TMap extends PatternMap<TMap> = PatternMap> {
  private waiting = 0;
  private readonly callEnded = (): void => {
    this.waiting--;
  };

  constructor(
    readonly service: string,
    private readonly pool: InstancePool,
    private readonly policy: CallPolicy,
  ) {}

  get defaultTimeoutMs(): number {
    return this.policy.timeoutMs;
  }

  get breakerState(): BreakerState | 'none' {
    return this.policy.breaker?.state ?? 'none';
  }

  get instances(): { total: number; healthy: number } {
    return { total: this.pool.size, healthy: this.pool.healthyCount() };
  }

  /** Calls sent through `send` that have not ended yet. */
  get inFlight(): number {
    return this.waiting;
  }

  send<K extends keyof TMap & string>(pattern: K, data: TMap[K]['request'], options: SendOptions = {}): Promise<TMap[K]['response']> {
    const envelope: Envelope<TMap[K]['request']> = { meta: options.meta ?? {}, data };
    const timeoutMs = deadlineWithin(options.timeoutMs ?? this.policy.timeoutMs, options.meta?.budgetMs);
    // Reads are retried on any transport failure; a command sent with an Idempotency-Key to a
    // service that honours it when its connection failed; any call when it was not handled.
    const retries = this.policy.retryable.has(pattern) ? 'read' : options.meta?.idempotency && this.policy.keyed.has(pattern) ? 'keyed' : 'unsent';
    const call = () => this.attempts<TMap[K]['response']>(pattern, envelope, timeoutMs, retries);
    const { breaker, maxInFlight } = this.policy;
    // Before the breaker: a call shed here never reached the service and says nothing of its health.
    if (maxInFlight && this.waiting >= maxInFlight) return this.observed(pattern, Promise.reject(UpstreamError.overloaded(this.service, pattern, maxInFlight)));
    this.waiting++;
    const result = breaker ? breaker.run(pattern, call, timeoutMs) : call();
    result.then(this.callEnded, this.callEnded);
    return this.observed(pattern, result);
  }

  /**
   * Health: sends `pattern` to every instance at once, past the breaker and without retries, so
   * it sees the service itself. Resolves with how many instances answered (a service with one
   * left is still served); rejects with the first failure when none did. Each outcome counts for
   * outlier ejection as any call's does.
   */
  async probe<K extends keyof TMap & string>(pattern: K, data: TMap[K]['request'], timeoutMs: number): Promise<number> {
    const envelope: Envelope<TMap[K]['request']> = { meta: {}, data };
    const outcomes = await Promise.allSettled(this.pool.all().map((instance) => this.observed(pattern, this.tryOnce(instance, pattern, envelope, timeoutMs))));
    const answered = outcomes.filter((o) => o.status === 'fulfilled').length;
    if (answered === 0) throw (outcomes[0] as PromiseRejectedResult).reason;
    return answered;
  }

  /**
   * Fire-and-forget delivery of an event to one instance of this service (TCP) or the broker
   * (NATS). An instance no connection could be made to was not given it: the next one is (an
   * event is delivered at most once either way; without this, every pick of a dead instance of
   * several lost one until it was ejected).
   */
  async emit<TEvents extends EventMap, K extends keyof TEvents & string>(pattern: K, event: TEvents[K], meta: MessageMeta = {}): Promise<void> {
    const envelope = eventEnvelope(event, meta);
    let previous: Instance | undefined;
    for (let attempt = 1; ; attempt++) {
      const instance = this.pool.pick(previous);
      try {
        await this.emitOnce(instance, pattern, envelope);
        this.pool.succeeded(instance);
        return;
      } catch (e) {
        const err = UpstreamError.from(e, this.service, pattern);
        if (err.isTransportFailure) this.pool.failed(instance);
        if (!err.notSent || attempt >= this.pool.size) throw err;
        previous = instance;
      }
    }
  }

  close(): Promise<void> {
    this.policy.breaker?.shutdown();
    return this.pool.close();
  }

  /** Reports how the call that begins now ends, when there is an observer. */
  private observed<R>(pattern: string, result: Promise<R>): Promise<R> {
    const observer = this.policy.observer;
    if (!observer) return result;
    const start = performance.now();
    const seconds = () => (performance.now() - start) / 1000;
    return result.then(
      (value) => {
        observer.called(this.service, pattern, 'ok', seconds());
        return value;
      },
      (err: unknown) => {
        observer.called(this.service, pattern, err instanceof UpstreamError ? (err.relayed ? 'relayed' : err.failure) : 'unavailable', seconds());
        throw err;
      },
    );
  }

  /**
   * `retries`: 'read' (idempotent) retries after a transport failure, and hedges a slow try: once
   * it has had its share of the deadline (hedgeAfterPercent) a second try goes out, to another
   * instance when there is one, and whichever answers first is the answer. The slow try is not
   * cut short, so a service that is slow but answers within the deadline still gets through
   * (cutting it would turn "slow" into "down": every try would be cut). 'unsent' (a command) only
   * when it was not handled: no connection could be made, or an instance shutting down refused it
   * (Envoy's connect-failure). It goes to another instance and cannot happen twice. 'keyed' (a
   * command carrying the client's Idempotency-Key, which its service answers with what the key
   * already made) also when the connection failed under it. A command is never hedged: a
   * timeout is the caller's answer. Every try ends at the call's deadline; retries and hedges
   * come out of the retry budget.
   */
  private attempts<R>(pattern: string, envelope: Envelope<unknown>, timeoutMs: number, retries: 'read' | 'keyed' | 'unsent'): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    const { retryMax, budget, backoffMs } = this.policy;
    if (retryMax > 0) budget.deposit();
    const hedgeAfterMs = Math.max(1, Math.floor((timeoutMs * this.policy.hedgeAfterPercent) / 100));
    const timedOut = () => UpstreamError.timeout(this.service, pattern, timeoutMs);
    return new Promise<R>((resolve, reject) => {
      let sent = 0;
      let running = 0;
      let settled = false;
      let hedge: NodeJS.Timeout | undefined;
      let previous: Instance | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(hedge);
        finish();
      };
      /** Another try, if one is left, the budget has a token and `waitMs` still fits in the deadline. */
      const another = (waitMs: number): boolean => {
        if (sent > retryMax || deadline - Date.now() <= waitMs + 1 || !budget.tryWithdraw()) return false;
        clearTimeout(hedge);
        hedge = undefined;
        this.policy.observer?.retried(this.service, pattern);
        if (waitMs > 0) setTimeout(send, waitMs);
        else send();
        return true;
      };
      const send = () => {
        if (settled) return;
        const remaining = deadline - Date.now();
        if (remaining <= 0) return settle(() => reject(timedOut()));
        const instance = this.pool.pick(previous);
        previous = instance;
        const attempt = sent++;
        running++;
        if (retries === 'read' && sent <= retryMax && remaining > hedgeAfterMs) hedge = setTimeout(() => !settled && another(0), hedgeAfterMs);
        this.tryOnce<R>(instance, pattern, envelope, remaining).then(
          (value) => settle(() => resolve(value)),
          (err: UpstreamError) => {
            running--;
            if (settled) return;
            // The service answered (a coded error): that is the answer, whatever else is out.
            if (!err.isTransportFailure) return settle(() => reject(err));
            const worthIt = err.notSent || (retries !== 'unsent' && err.failure === 'unavailable');
            if (worthIt && another(Math.random() * backoffMs * 2 ** attempt)) return;
            // Another try is still out: its answer may yet come.
            if (running === 0) settle(() => reject(err.failure === 'timeout' ? timedOut() : err));
          },
        );
      };
      send();
    });
  }

  /**
   * One try on one instance, told its deadline (meta.budgetMs); what it says of the instance goes
   * to the pool (outlier ejection, draining).
   */
  private async tryOnce<R>(instance: Instance, pattern: string, envelope: Envelope<unknown>, ms: number): Promise<R> {
    this.pool.acquire(instance);
    try {
      const result = await this.once<R>(instance, pattern, { meta: { ...envelope.meta, budgetMs: Math.min(ms, MAX_BUDGET_MS) }, data: envelope.data }, ms);
      this.pool.succeeded(instance);
      return result;
    } catch (e) {
      const err = UpstreamError.from(e, this.service, pattern);
      if (err.drainingRefusal) this.pool.draining(instance);
      else if (err.isTransportFailure) this.pool.failed(instance);
      else this.pool.succeeded(instance);
      throw err;
    } finally {
      this.pool.release(instance);
    }
  }

  /** Connects first, so that a refused connection is known not to have carried the event. */
  private emitOnce(instance: Instance, pattern: string, envelope: Envelope<unknown>): Promise<void> {
    const ms = this.policy.timeoutMs;
    const delivery = defer(() => instance.proxy.connect().catch((err: unknown) => Promise.reject(new NotSentError(err)))).pipe(
      mergeMap(() => instance.proxy.emit(pattern, envelope)),
      timeout({ first: ms, with: () => throwError(() => UpstreamError.timeout(this.service, pattern, ms)) }),
    );
    return lastValueFrom(delivery, { defaultValue: undefined });
  }

  private once<R>(instance: Instance, pattern: string, envelope: Envelope<unknown>, ms: number): Promise<R> {
    return requestOnce<R>(instance.proxy, pattern, envelope, ms, () => UpstreamError.timeout(this.service, pattern, ms)).catch((err: unknown) => {
      throw UpstreamError.from(err, this.service, pattern);
    });
  }
}
