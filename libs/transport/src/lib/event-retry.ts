import { Logger } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';

/** How long, and how often, an event's handler is tried again after a failure worth another try. */
export interface EventRetryPolicy {
  /** From the first try: no try starts past this. */
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** A minute of tries, the waits doubling from 100 ms to 2 s: a store restart or a failover fits in it. */
export const EVENT_RETRY: Readonly<EventRetryPolicy> = { windowMs: 60_000, firstDelayMs: 100, maxDelayMs: 2000 };

/**
 * Failures worth another try: what the handler needed was unavailable or late (its data store, a
 * service it called), 503 or 504. Anything else (a coded 4xx, a bug) would fail the same way again.
 */
const RETRYABLE_STATUS = new Set([503, 504]);

/** How a try failed (the payload RpcErrorFilter made of it, or what was thrown), or undefined if it did not. */
async function failureOf(handler: MessageHandler, data: unknown, ctx: unknown): Promise<unknown> {
  try {
    const result = await handler(data, ctx);
    // A failure comes back from the filters as an observable that errors.
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    return undefined;
  } catch (err) {
    return err ?? new Error('the handler failed with nothing');
  }
}

/**
 * `handler` (what Nest registers for an @EventPattern: pipes, handler and filters) tried again, with
 * backoff, while it fails for a reason that can pass, within `policy.windowMs`. Nobody waits on an
 * event's answer, so without this one that met its data store restarting was lost: a paid order
 * never reached the kitchen. Handlers are idempotent (unique indexes, conditional moves), so a try
 * after one that half-happened applies nothing twice. A draining service stops trying (its grace is
 * short); an event it gives up on is logged as lost.
 */
export function retriedEvent(pattern: string, handler: MessageHandler, draining: () => boolean, policy: Readonly<EventRetryPolicy> = EVENT_RETRY, logger = new Logger('EventRetry')): MessageHandler {
  return (async (data: unknown, ctx: unknown) => {
    const started = Date.now();
    for (let attempt = 1, delay = policy.firstDelayMs; ; attempt++, delay = Math.min(delay * 2, policy.maxDelayMs)) {
      const failure = await failureOf(handler, data, ctx);
      if (failure === undefined) {
        if (attempt > 1) logger.log(`${pattern}: handled on try ${attempt}`);
        return undefined;
      }
      const { status, code } = failure as { status?: unknown; code?: unknown };
      const why = typeof code === 'string' ? code : failure instanceof Error ? failure.message : 'failed';
      if (typeof status !== 'number' || !RETRYABLE_STATUS.has(status)) return undefined; // logged by the filter, once
      if (draining() || Date.now() - started + delay > policy.windowMs) {
        logger.error(`${pattern}: not handled after ${attempt} tries in ${Date.now() - started} ms (${why})${draining() ? ', the service is shutting down' : ''}: this event is lost`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }) as MessageHandler;
}
