import { Logger } from '@nestjs/common';
import { EventPublisher, type RedeliveryPolicy } from './event-publisher';
import { NotSentError } from './request-once';
import type { RpcClient } from './rpc-client';
import { UpstreamError } from './upstream.error';

/** Any pattern, each event numbered: the order they arrive in is what is checked. */
type Events = Record<string, { n: number }>;

const POLICY: RedeliveryPolicy = { forMs: 10_000, firstDelayMs: 100, maxDelayMs: 1000, maxPending: 3 };
const refused = () => UpstreamError.from(new NotSentError(new Error('connect ECONNREFUSED 127.0.0.1:4003')), 'kitchen', 'payment.succeeded');

/** A receiver that refuses connections while `down`, and records what it was given. */
function receiver(service: string) {
  const state = { down: false, broken: false, got: [] as string[], tries: 0 };
  const client = {
    service,
    emit: async (pattern: string, event: { n: number }) => {
      state.tries++;
      if (state.down) throw refused();
      // Written, then the connection broke: it may have arrived, so it is never sent again.
      if (state.broken) throw UpstreamError.from(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), service, pattern);
      state.got.push(`${pattern}#${event.n}`);
    },
  } as unknown as RpcClient;
  return { client, state };
}

describe('EventPublisher redelivery', () => {
  let clock = 0;
  /** What the publisher told the operator, warnings and errors. */
  let logged: string[] = [];
  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
    logged = [];
    const record = (level: string) => (message: unknown) => void logged.push(`${level}: ${String(message)}`);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(record('log'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(record('warn'));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(record('error'));
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
  const advance = async (ms: number) => {
    clock += ms;
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('keeps an event no instance took, and delivers it once the receiver is back, in the order published', async () => {
    const kitchen = receiver('kitchen');
    const order = receiver('order');
    const publisher = new EventPublisher<Events>(() => [kitchen.client, order.client], POLICY, () => clock);
    kitchen.state.down = true;
    await publisher.publish('payment.succeeded', { n: 1 });
    await publisher.publish('payment.succeeded', { n: 2 });
    // The receiver that was up got both at once; the other's wait.
    expect(order.state.got).toEqual(['payment.succeeded#1', 'payment.succeeded#2']);
    expect(publisher.waiting).toBe(2);
    await advance(2000);
    expect(kitchen.state.got).toEqual([]);
    kitchen.state.down = false;
    await advance(1000);
    expect(kitchen.state.got).toEqual(['payment.succeeded#1', 'payment.succeeded#2']);
    expect(publisher.waiting).toBe(0);
    // Back to sending at once.
    await publisher.publish('payment.succeeded', { n: 3 });
    expect(kitchen.state.got).toHaveLength(3);
  });

  it('puts events that failed at the same time in one line: each delivered once, none left behind at shutdown', async () => {
    const kitchen = receiver('kitchen');
    const publisher = new EventPublisher<Events>(() => [kitchen.client], POLICY, () => clock);
    kitchen.state.down = true;
    // Both on their way before either has failed.
    await Promise.all([publisher.publish('ticket.advanced', { n: 1 }), publisher.publish('ticket.advanced', { n: 2 })]);
    expect(publisher.waiting).toBe(2);
    kitchen.state.down = false;
    await advance(1000);
    expect(kitchen.state.got).toEqual(['ticket.advanced#1', 'ticket.advanced#2']);
    kitchen.state.down = true;
    await Promise.all([publisher.publish('ticket.advanced', { n: 3 }), publisher.publish('ticket.advanced', { n: 4 })]);
    publisher.close();
    expect(logged).toContain('error: 2 event(s) never reached kitchen and are dropped at shutdown');
  });

  it('never sends twice an event that was written (a broken connection): at most once', async () => {
    const kitchen = receiver('kitchen');
    const publisher = new EventPublisher<Events>(() => [kitchen.client], POLICY, () => clock);
    kitchen.state.broken = true;
    await publisher.publish('payment.succeeded', { n: 1 });
    kitchen.state.broken = false;
    await advance(5000);
    expect(kitchen.state.tries).toBe(1);
    expect(publisher.waiting).toBe(0);
  });

  it('keeps at most maxPending per receiver: the oldest go first', async () => {
    const kitchen = receiver('kitchen');
    const publisher = new EventPublisher<Events>(() => [kitchen.client], POLICY, () => clock);
    kitchen.state.down = true;
    for (let n = 1; n <= 5; n++) await publisher.publish('ticket.advanced', { n });
    expect(publisher.waiting).toBe(3);
    kitchen.state.down = false;
    await advance(POLICY.maxDelayMs);
    expect(kitchen.state.got).toEqual(['ticket.advanced#3', 'ticket.advanced#4', 'ticket.advanced#5']);
  });

  it('gives up on an event after forMs', async () => {
    const kitchen = receiver('kitchen');
    const publisher = new EventPublisher<Events>(() => [kitchen.client], POLICY, () => clock);
    kitchen.state.down = true;
    await publisher.publish('ticket.advanced', { n: 1 });
    await advance(POLICY.forMs + POLICY.maxDelayMs);
    expect(publisher.waiting).toBe(0);
    const tries = kitchen.state.tries;
    kitchen.state.down = false;
    await advance(POLICY.maxDelayMs);
    expect(kitchen.state.got).toEqual([]);
    expect(kitchen.state.tries).toBe(tries);
    expect(logged).toContainEqual(expect.stringMatching(/^warn: event ticket\.advanced to kitchen dropped after \d+ ms/));
  });

  it('drops what still waits when the process stops, and tries no more', async () => {
    const kitchen = receiver('kitchen');
    const publisher = new EventPublisher<Events>(() => [kitchen.client], POLICY, () => clock);
    kitchen.state.down = true;
    await publisher.publish('payment.succeeded', { n: 1 });
    publisher.close();
    const tries = kitchen.state.tries;
    kitchen.state.down = false;
    await advance(5000);
    expect(kitchen.state.tries).toBe(tries);
    expect(publisher.waiting).toBe(0);
    expect(logged).toContain('error: 1 event(s) never reached kitchen and are dropped at shutdown');
  });
});
