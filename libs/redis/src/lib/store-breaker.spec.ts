import { Logger } from '@nestjs/common';
import { waitFor } from '@pizza/testing';
import { StoreBreaker } from './store-breaker';

const POLICY = { consecutiveFailures: 3, errorPercent: 50, minVolume: 5, windowMs: 10_000, sleepMs: 200 } as const;
const TIMEOUT_MS = 50;

/** A store whose calls hang (a paused Redis: the connection open, nothing answered) until told to answer. */
function store() {
  let hung = true;
  let calls = 0;
  return {
    call: () => {
      calls++;
      return hung ? new Promise<string>(() => undefined) : Promise.resolve('PONG');
    },
    answer: () => (hung = false),
    get calls() {
      return calls;
    },
  };
}

describe('StoreBreaker', () => {
  let breaker: StoreBreaker;
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => breaker.shutdown());

  it('stops waiting on a store that does not answer: after the first misses, calls fail at once and never reach it', async () => {
    breaker = new StoreBreaker('redis', TIMEOUT_MS, POLICY);
    const hung = store();
    const first = await Promise.allSettled(Array.from({ length: POLICY.minVolume }, () => breaker.run(hung.call)));
    expect(first.map((r) => r.status === 'rejected' && String(r.reason.message))).toEqual(Array(POLICY.minVolume).fill(`redis did not answer within ${TIMEOUT_MS} ms`));
    expect(breaker.open).toBe(true);

    const reached = hung.calls;
    const started = performance.now();
    for (let i = 0; i < 20; i++) await expect(breaker.run(hung.call)).rejects.toThrow(/redis is skipped/);
    // Twenty calls that each waited would have taken 20 deadlines.
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 5);
    expect(hung.calls).toBe(reached);
  });

  it('sends one trial after its sleep, and is used again once the store answers it', async () => {
    breaker = new StoreBreaker('redis', TIMEOUT_MS, POLICY);
    const hung = store();
    await Promise.allSettled(Array.from({ length: POLICY.minVolume }, () => breaker.run(hung.call)));
    expect(breaker.open).toBe(true);
    hung.answer();
    await waitFor(async () => (await breaker.run(hung.call).catch(() => 'skipped')) === 'PONG', { timeoutMs: 5000, intervalMs: 20, what: 'the trial to close the breaker' });
    expect(breaker.open).toBe(false);
    await expect(breaker.run(hung.call)).resolves.toBe('PONG');
  });

  it('opens after a few misses in a row on a busy gateway: the successes from before the store hung do not hold it closed', async () => {
    breaker = new StoreBreaker('redis', TIMEOUT_MS, POLICY);
    const hung = store();
    hung.answer();
    await Promise.all(Array.from({ length: 500 }, () => breaker.run(hung.call)));
    const froze = performance.now();
    const frozen = { call: () => new Promise<string>(() => undefined) };
    await waitFor(async () => {
      await Promise.allSettled(Array.from({ length: 10 }, () => breaker.run(frozen.call)));
      return breaker.open;
    }, { timeoutMs: 5000, intervalMs: 1, what: 'the breaker to open' });
    // After the first misses (a deadline or two), not once the window's 500 successes are outnumbered.
    expect(performance.now() - froze).toBeLessThan(10 * TIMEOUT_MS);
  });

  it('opens after a few misses in a row on a quiet gateway, one call at a time (too few for the ratio)', async () => {
    breaker = new StoreBreaker('redis', TIMEOUT_MS, POLICY);
    const hung = store();
    for (let i = 0; i < POLICY.consecutiveFailures; i++) await expect(breaker.run(hung.call)).rejects.toThrow(/did not answer/);
    expect(breaker.open).toBe(true);
    await expect(breaker.run(hung.call)).rejects.toThrow(/redis is skipped/);
  });

  it('stays closed for a store that misses now and then (a busy moment): no call is skipped', async () => {
    breaker = new StoreBreaker('redis', TIMEOUT_MS, POLICY);
    let n = 0;
    const mostly = () => (++n % 5 === 0 ? new Promise<string>(() => undefined) : Promise.resolve('PONG'));
    const misses: string[] = [];
    // A fifth of the calls miss, among answers: 8 rounds of 5 at once.
    for (let round = 0; round < 8; round++) {
      const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => breaker.run(mostly)));
      for (const o of outcomes) if (o.status === 'rejected') misses.push(String(o.reason.message));
    }
    expect(misses).toEqual(Array(8).fill(`redis did not answer within ${TIMEOUT_MS} ms`));
    expect(breaker.open).toBe(false);
  });
});
