import { Logger } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { of, throwError } from 'rxjs';
import { retriedEvent, type EventRetryPolicy } from './event-retry';

const FAST: EventRetryPolicy = { windowMs: 5000, firstDelayMs: 1, maxDelayMs: 4 };
const unavailable = { code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'The kitchen tickets cannot be reached right now; retry later' };

/** A handler as Nest registers it: each try answers with the next outcome (a failure as the filters give it: an observable that errors). */
function handlerAnswering(...outcomes: Array<'ok' | object>) {
  const tries: unknown[] = [];
  const handler = (async (data: unknown) => {
    tries.push(data);
    const outcome = outcomes[Math.min(tries.length, outcomes.length) - 1];
    return outcome === 'ok' ? of(undefined) : throwError(() => outcome);
  }) as MessageHandler;
  return { handler, tries };
}

describe('retriedEvent', () => {
  let logger: Logger;
  let errors: string[];

  beforeEach(() => {
    errors = [];
    logger = new Logger('test');
    jest.spyOn(logger, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    jest.spyOn(logger, 'log').mockImplementation(() => undefined);
  });

  it('tries an event again while its store is unavailable, until it is handled', async () => {
    const { handler, tries } = handlerAnswering(unavailable, { ...unavailable, code: 'UPSTREAM_TIMEOUT', status: 504 }, 'ok');
    await retriedEvent('payment.succeeded', handler, () => false, FAST, logger)({ orderId: 'o-1' }, {});
    expect(tries).toEqual([{ orderId: 'o-1' }, { orderId: 'o-1' }, { orderId: 'o-1' }]);
    expect(errors).toEqual([]);
  });

  it('tries a handler that threw a 503 again too', async () => {
    let calls = 0;
    const handler = (async () => {
      if (++calls === 1) throw unavailable;
      return undefined;
    }) as MessageHandler;
    await retriedEvent('order.created', handler, () => false, FAST, logger)({}, {});
    expect(calls).toBe(2);
  });

  it('does not try again what would fail the same way: a coded 4xx, an internal error', async () => {
    for (const failure of [{ code: 'KITCHEN.INVALID_TRANSITION', status: 409, message: 'no' }, { code: 'INTERNAL_ERROR', status: 500, message: 'Internal error' }]) {
      const { handler, tries } = handlerAnswering(failure, 'ok');
      await retriedEvent('ticket.advanced', handler, () => false, FAST, logger)({}, {});
      expect(tries).toHaveLength(1);
    }
    expect(errors).toEqual([]);
  });

  it('gives up at the end of its window, and says the event is lost', async () => {
    const { handler, tries } = handlerAnswering(unavailable);
    await retriedEvent('payment.succeeded', handler, () => false, { windowMs: 30, firstDelayMs: 5, maxDelayMs: 10 }, logger)({}, {});
    expect(tries.length).toBeGreaterThan(1);
    expect(tries.length).toBeLessThanOrEqual(5);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^payment\.succeeded: not handled after \d+ tries in \d+ ms \(UPSTREAM_UNAVAILABLE\): this event is lost$/);
  });

  it('stops trying once the service drains: its grace is short', async () => {
    let draining = false;
    const { handler, tries } = handlerAnswering(unavailable);
    const trying = retriedEvent('payment.succeeded', handler, () => draining, FAST, logger)({}, {});
    draining = true;
    await trying;
    expect(tries).toHaveLength(1);
    expect(errors[0]).toMatch(/the service is shutting down: this event is lost$/);
  });
});
