import { UpstreamError } from '@pizza/transport';
import { aggregate, type AggregateSpec } from './aggregate';

type Parts = { order: string; payment: string; kitchen: string };
const ok = <T>(v: T) => () => Promise.resolve(v);
const fail = (err: unknown) => () => Promise.reject(err);
const never = () => new Promise<never>(() => undefined);
const unavailable = UpstreamError.from(new Error('ECONNREFUSED'), 'kitchen', 'kitchen.ticket.find');

function spec(over: Partial<AggregateSpec<void, Parts>['parts']> = {}, deadlineMs = 200): AggregateSpec<void, Parts> {
  return {
    deadlineMs,
    parts: {
      order: { required: true, fetch: ok('o') },
      payment: { required: false, fetch: ok('p') },
      kitchen: { required: false, fetch: ok('k') },
      ...over,
    },
  };
}

describe('aggregate (partial-failure rule)', () => {
  it('assembles every part when all answer', async () => {
    expect(await aggregate(spec(), undefined)).toEqual({ order: 'o', payment: 'p', kitchen: 'k', errors: [] });
  });

  it('turns a failed optional part into null plus an error entry with its code', async () => {
    const r = await aggregate(spec({ kitchen: { required: false, fetch: fail(unavailable) } }), undefined);
    expect(r.kitchen).toBeNull();
    expect(r.order).toBe('o');
    expect(r.errors).toEqual([{ part: 'kitchen', code: 'UPSTREAM_UNAVAILABLE' }]);
  });

  it('fails the whole response when the required part fails, with its error', async () => {
    const notFound = UpstreamError.from({ code: 'ORDER.NOT_FOUND', status: 404, message: 'x' }, 'order', 'order.order.get');
    await expect(aggregate(spec({ order: { required: true, fetch: fail(notFound) } }), undefined)).rejects.toBe(notFound);
  });

  it('calls the parts concurrently', async () => {
    const started: string[] = [];
    const slow = (name: string) => () => {
      started.push(name);
      return new Promise<string>((resolve) => setImmediate(() => resolve(name)));
    };
    await aggregate(spec({ order: { required: true, fetch: slow('o') }, payment: { required: false, fetch: slow('p') } }), undefined);
    expect(started).toEqual(['o', 'p']);
  });

  it('does not wait past the deadline for a part that never answers', async () => {
    const t0 = Date.now();
    const r = await aggregate(spec({ kitchen: { required: false, fetch: never } }, 100), undefined);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.errors).toEqual([{ part: 'kitchen', code: 'UPSTREAM_TIMEOUT' }]);
  });

  it('gives every part the deadline it is called with (a route’s own) instead of the spec’s', async () => {
    const given: number[] = [];
    const recording = async (_: void, deadlineMs: number) => {
      given.push(deadlineMs);
      return 'x';
    };
    await aggregate(spec({ payment: { required: false, fetch: recording } }, 5000), undefined, 300);
    expect(given).toEqual([300]);
    const t0 = Date.now();
    const r = await aggregate(spec({ kitchen: { required: false, fetch: never } }, 60_000), undefined, 100);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.errors).toEqual([{ part: 'kitchen', code: 'UPSTREAM_TIMEOUT' }]);
  });

  it('passes a missing optional part (null) through without an error', async () => {
    const r = await aggregate(spec({ payment: { required: false, fetch: ok(null as unknown as string) } }), undefined);
    expect(r.payment).toBeNull();
    expect(r.errors).toEqual([]);
  });
});
