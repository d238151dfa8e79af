import { sharedPing } from './shared-ping';

describe('sharedPing', () => {
  let t = 0;
  const now = () => t;
  /** A ping that counts its rounds and settles when told. */
  const pinger = () => {
    const p = { rounds: 0, answer: (_: number | Error) => undefined as void };
    const ping = () =>
      new Promise<number>((resolve, reject) => {
        p.rounds++;
        p.answer = (v) => (v instanceof Error ? reject(v) : resolve(v));
      });
    return { p, ping };
  };

  it('runs one round for every caller that comes while it runs', async () => {
    const { p, ping } = pinger();
    const shared = sharedPing(ping, 1000, now);
    const answers = Promise.all(Array.from({ length: 50 }, () => shared()));
    p.answer(2);
    expect(await answers).toEqual(Array(50).fill(2));
    expect(p.rounds).toBe(1);
  });

  it('answers with the last outcome for freshMs after it settled, then pings again', async () => {
    const { p, ping } = pinger();
    const shared = sharedPing(ping, 1000, now);
    t = 0;
    const first = shared();
    t = 300;
    p.answer(2);
    await first;
    t = 1299;
    await expect(shared()).resolves.toBe(2);
    expect(p.rounds).toBe(1);
    t = 1300;
    const second = shared();
    p.answer(1);
    await expect(second).resolves.toBe(1);
    expect(p.rounds).toBe(2);
  });

  it('shares a failure the same way: a service down is down for every caller until the next round', async () => {
    const { p, ping } = pinger();
    const shared = sharedPing(ping, 1000, now);
    t = 0;
    const first = shared();
    p.answer(new Error('menu is unavailable'));
    await expect(first).rejects.toThrow('menu is unavailable');
    await expect(shared()).rejects.toThrow('menu is unavailable');
    expect(p.rounds).toBe(1);
    t = 1000;
    const next = shared();
    p.answer(1);
    await expect(next).resolves.toBe(1);
  });
});
