import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  const clock = { t: 0 };
  let storage: MemoryThrottlerStorage;
  beforeEach(() => {
    clock.t = 0;
    storage = new MemoryThrottlerStorage(() => clock.t);
  });
  afterEach(() => storage.onModuleDestroy());

  it('admits the limit per window, blocks the rest until the block ends, then starts a new window', async () => {
    const hit = () => storage.increment('k', 1000, 3, 1000);
    const first = [await hit(), await hit(), await hit()];
    expect(first.map((r) => r.isBlocked)).toEqual([false, false, false]);
    const fourth = await hit();
    expect(fourth).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    clock.t = 999;
    expect((await hit()).isBlocked).toBe(true);
    clock.t = 1000;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 3; i++) await storage.increment('a', 1000, 3, 1000);
    expect((await storage.increment('a', 1000, 3, 1000)).isBlocked).toBe(true);
    expect((await storage.increment('b', 1000, 3, 1000)).isBlocked).toBe(false);
  });
});
