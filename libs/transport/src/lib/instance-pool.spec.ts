import type { ClientProxy } from '@nestjs/microservices';
import { InstancePool } from './instance-pool';

const proxy = {} as ClientProxy;

function pool(n: number, clock: { t: number }) {
  return InstancePool.of(
    'order',
    Array.from({ length: n }, (_, i) => ({ label: `i${i}`, proxy })),
    { maxFailures: 3, ejectMs: 1000 },
    () => clock.t,
  );
}

describe('InstancePool', () => {
  it('balances round-robin across healthy instances', () => {
    const p = pool(3, { t: 0 });
    expect([p.pick(), p.pick(), p.pick(), p.pick()].map((i) => i.label)).toEqual(['i0', 'i1', 'i2', 'i0']);
  });

  it('ejects an instance after consecutive failures and re-admits it after the rest', () => {
    const clock = { t: 0 };
    const p = pool(2, clock);
    const bad = p.pick();
    p.failed(bad);
    p.failed(bad);
    expect(p.healthyCount()).toBe(2);
    p.failed(bad);
    expect(p.healthyCount()).toBe(1);
    expect(new Set([p.pick(), p.pick(), p.pick()].map((i) => i.label))).toEqual(new Set(['i1']));
    clock.t = 1001;
    expect(p.healthyCount()).toBe(2);
  });

  it('re-ejects a re-admitted instance on its first failure, and clears it on a success', () => {
    const clock = { t: 0 };
    const p = pool(2, clock);
    const bad = p.pick();
    for (let i = 0; i < 3; i++) p.failed(bad);
    clock.t = 1001;
    p.failed(bad);
    expect(p.healthyCount()).toBe(1);
    clock.t = 3000;
    p.succeeded(bad);
    p.failed(bad);
    expect(p.healthyCount()).toBe(2);
  });

  it('sends a re-admitted instance one trial call at a time: the others go elsewhere until it answers', () => {
    const clock = { t: 0 };
    const p = pool(2, clock);
    const bad = p.pick();
    for (let i = 0; i < 3; i++) p.failed(bad);
    clock.t = 1001;
    // Its trial, then every other call to the healthy one while the trial is out.
    const picks = Array.from({ length: 6 }, () => p.pick().label);
    expect(picks.filter((l) => l === bad.label)).toHaveLength(1);
    // The trial fails (a hung instance: at its deadline): ejected again, having cost one call.
    p.failed(bad);
    expect(p.healthyCount()).toBe(1);
    clock.t = 2100;
    expect(Array.from({ length: 6 }, () => p.pick().label).filter((l) => l === bad.label)).toHaveLength(1);
    // It answers: in full rotation again.
    p.succeeded(bad);
    expect(Array.from({ length: 6 }, () => p.pick().label).filter((l) => l === bad.label)).toHaveLength(3);
  });

  it('sends another trial once a rest has passed with no outcome of the first', () => {
    const clock = { t: 0 };
    const p = pool(2, clock);
    const bad = p.pick();
    for (let i = 0; i < 3; i++) p.failed(bad);
    clock.t = 1001;
    expect(Array.from({ length: 4 }, () => p.pick().label).filter((l) => l === bad.label)).toHaveLength(1);
    clock.t = 2002;
    expect(Array.from({ length: 4 }, () => p.pick().label).filter((l) => l === bad.label)).toHaveLength(1);
  });

  it('a success resets the count: only consecutive failures eject', () => {
    const p = pool(1, { t: 0 });
    const i = p.pick();
    p.failed(i);
    p.failed(i);
    p.succeeded(i);
    p.failed(i);
    p.failed(i);
    expect(p.healthyCount()).toBe(1);
  });

  it('prefers another instance than the one that just failed', () => {
    const p = pool(2, { t: 0 });
    const first = p.pick();
    expect(p.pick(first)).not.toBe(first);
    expect(p.pick(first)).not.toBe(first);
  });

  it('still answers when every instance is ejected (panic mode)', () => {
    const p = pool(2, { t: 0 });
    for (const i of [p.pick(), p.pick()]) for (let k = 0; k < 3; k++) p.failed(i);
    expect(p.healthyCount()).toBe(0);
    expect(p.pick()).toBeDefined();
  });
});

describe('InstancePool: an instance shutting down', () => {
  function closable() {
    const closing = { closed: 0 };
    const p = InstancePool.of(
      'order',
      [
        { label: 'draining', proxy: { close: () => void closing.closed++ } as unknown as ClientProxy },
        { label: 'other', proxy: {} as ClientProxy },
      ],
      { maxFailures: 3, ejectMs: 1000 },
      () => 0,
    );
    return { p, closing };
  }

  it('leaves rotation at once, and our connection to it closes only once our last call on it ended', () => {
    const { p, closing } = closable();
    const draining = p.pick();
    p.acquire(draining);
    p.acquire(draining);
    p.draining(draining);
    expect([p.pick(), p.pick()].map((i) => i.label)).toEqual(['other', 'other']);
    p.release(draining);
    expect(closing.closed).toBe(0);
    p.release(draining);
    expect(closing.closed).toBe(1);
  });

  it('closes our connection at once when no call of ours waits on it', () => {
    const { p, closing } = closable();
    p.draining(p.pick());
    expect(closing.closed).toBe(1);
  });
});
