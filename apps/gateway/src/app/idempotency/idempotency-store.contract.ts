import type { IdempotencyStore } from './idempotency.store';

export interface StoreUnderTest {
  store: IdempotencyStore;
  /** Ends the in-flight marker of `key` as its `inFlightMs` would, and returns once it is gone. */
  expire(key: string): Promise<void>;
}

/**
 * What every IdempotencyStore must do when a request outlives its in-flight marker (a stalled
 * gateway): a later request's hold on the key is never written over or freed by the earlier one.
 * Each case uses its own keys, so the store may be shared across cases.
 */
export function behavesAsIdempotencyStore(subject: () => StoreUnderTest): void {
  describe('a request that outlived its marker', () => {
    it('does not write its response over the hold of a request that started since', async () => {
      const { store, expire } = subject();
      const late = await store.begin('k1', 'f', 100);
      await expire('k1');
      const next = await store.begin('k1', 'g', 5000);
      expect(next.kind).toBe('started');
      if (late.kind !== 'started') throw new Error(`expected a hold, got ${late.kind}`);
      await store.complete(late.hold, { status: 201, body: { id: 'late' } }, 60_000);
      expect(await store.begin('k1', 'g', 5000)).toEqual({ kind: 'in-flight' });
    });

    it('does not free the key a request that started since holds', async () => {
      const { store, expire } = subject();
      const late = await store.begin('k2', 'f', 100);
      await expire('k2');
      expect((await store.begin('k2', 'f', 5000)).kind).toBe('started');
      if (late.kind !== 'started') throw new Error(`expected a hold, got ${late.kind}`);
      await store.abandon(late.hold);
      expect(await store.begin('k2', 'f', 5000)).toEqual({ kind: 'in-flight' });
    });

    it('does not replace the answer of a request that started and finished since', async () => {
      const { store, expire } = subject();
      const late = await store.begin('k3', 'f', 100);
      await expire('k3');
      const next = await store.begin('k3', 'f', 5000);
      if (late.kind !== 'started' || next.kind !== 'started') throw new Error('expected two holds');
      await store.complete(next.hold, { status: 201, body: { id: 'next' } }, 60_000);
      await store.complete(late.hold, { status: 201, body: { id: 'late' } }, 60_000);
      expect(await store.begin('k3', 'f', 5000)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 'next' } } });
    });

    it('keeps its response when the key is free: a retry with the same body replays it, another body is refused', async () => {
      const { store, expire } = subject();
      const late = await store.begin('k4', 'f', 100);
      await expire('k4');
      if (late.kind !== 'started') throw new Error(`expected a hold, got ${late.kind}`);
      await store.complete(late.hold, { status: 201, body: { id: 'late' } }, 60_000);
      expect(await store.begin('k4', 'f', 5000)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 'late' } } });
      expect((await store.begin('k4', 'other', 5000)).kind).toBe('mismatch');
    });
  });
}
