import { behavesAsIdempotencyStore } from './idempotency-store.contract';
import { MemoryIdempotencyStore } from './memory-idempotency.store';

describe('MemoryIdempotencyStore', () => {
  const clock = { t: 0 };
  let store: MemoryIdempotencyStore;
  beforeEach(() => {
    clock.t = 0;
    store = new MemoryIdempotencyStore(() => clock.t);
  });
  afterEach(() => store.onModuleDestroy());

  async function hold(key: string) {
    const begun = await store.begin(key, 'f', 1000);
    if (begun.kind !== 'started') throw new Error(`expected a hold, got ${begun.kind}`);
    return begun.hold;
  }

  it('starts once; a concurrent second request with the key sees it in flight', async () => {
    const [a, b] = await Promise.all([store.begin('k', 'f', 1000), store.begin('k', 'f', 1000)]);
    expect([a.kind, b.kind].sort()).toEqual(['in-flight', 'started']);
  });

  it('replays the stored response for the same request', async () => {
    await store.complete(await hold('k'), { status: 201, body: { id: 1 } }, 1000);
    expect(await store.begin('k', 'f', 1000)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 1 } } });
  });

  it('refuses the key with a different request', async () => {
    await store.complete(await hold('k'), { status: 201, body: {} }, 1000);
    expect((await store.begin('k', 'other', 1000)).kind).toBe('mismatch');
  });

  it('forgets an abandoned key and an expired one', async () => {
    await store.abandon(await hold('k'));
    await store.complete(await hold('k'), { status: 200, body: {} }, 1000);
    clock.t = 1001;
    expect((await store.begin('k', 'f', 1000)).kind).toBe('started');
  });

  behavesAsIdempotencyStore(() => ({
    store,
    expire: async () => {
      clock.t += 60_000;
    },
  }));
});
