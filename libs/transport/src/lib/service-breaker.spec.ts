import { CommonErrors } from '@pizza/contracts-common';
import { ServiceBreaker } from './service-breaker';
import { UpstreamError } from './upstream.error';

const down = () => Promise.reject(UpstreamError.from(new Error('ECONNREFUSED'), 'billing', 'p'));
const declined = () => Promise.reject(UpstreamError.from({ code: 'PAYMENT.DECLINED', status: 402, message: 'no' }, 'billing', 'p'));

describe('ServiceBreaker', () => {
  const breakers: ServiceBreaker[] = [];
  const make = (sleepMs = 60_000) => {
    const b = new ServiceBreaker('billing', { errorPercent: 50, minVolume: 4, windowMs: 10_000, sleepMs });
    breakers.push(b);
    return b;
  };
  afterAll(() => breakers.forEach((b) => b.shutdown()));

  it('opens after the failure ratio over the minimum volume, then fails fast without calling', async () => {
    const b = make();
    for (let i = 0; i < 4; i++) await expect(b.run('p', down, 1000)).rejects.toBeInstanceOf(UpstreamError);
    expect(b.state).toBe('open');
    const call = jest.fn(() => Promise.resolve('ok'));
    const err = await b.run('p', call, 1000).catch((e: UpstreamError) => e);
    expect(call).not.toHaveBeenCalled();
    expect(err).toMatchObject({ failure: 'circuit-open', payload: { status: 503, code: 'UPSTREAM_CIRCUIT_OPEN' } });
    expect((err as UpstreamError).retryAfterMs).toBeGreaterThan(0);
  });

  it('does not count a coded business answer (402, 404...) as a failure', async () => {
    const b = make();
    for (let i = 0; i < 10; i++) await expect(b.run('p', declined, 1000)).rejects.toMatchObject({ payload: { code: 'PAYMENT.DECLINED' } });
    expect(b.state).toBe('closed');
  });

  it('does not count a failure the service relays from a service behind it (it answered; its other calls work)', async () => {
    const b = make();
    const behind = [UpstreamError.timeout('menu', 'q', 900), UpstreamError.from(new Error('ECONNREFUSED'), 'menu', 'q'), UpstreamError.circuitOpen('menu', 'q', 100)];
    for (let i = 0; i < 12; i++) {
      const relayed = UpstreamError.from(behind[i % 3].payload, 'order', 'order.order.create');
      await expect(b.run('order.order.create', () => Promise.reject(relayed), 1000)).rejects.toMatchObject({ failure: 'rejected', relayed: true });
    }
    expect(b.state).toBe('closed');
  });

  it('half-opens after the sleep window and closes on a successful trial', async () => {
    const b = make(100);
    for (let i = 0; i < 4; i++) await b.run('p', down, 1000).catch(() => undefined);
    expect(b.state).toBe('open');
    const deadline = Date.now() + 2000;
    while (b.state === 'open' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(b.state).toBe('half-open');
    await expect(b.run('p', () => Promise.resolve('ok'), 1000)).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('while the one trial is out, turns callers away until its deadline, not "retry at once"', async () => {
    const b = make(100);
    for (let i = 0; i < 4; i++) await b.run('p', down, 1000).catch(() => undefined);
    const deadline = Date.now() + 2000;
    while (b.state === 'open' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(b.state).toBe('half-open');
    let answer!: (v: string) => void;
    const trial = b.run('p', () => new Promise<string>((resolve) => (answer = resolve)), 800);
    const started = Date.now();

    const err = (await b.run('p', () => Promise.resolve('not sent'), 800).catch((e: UpstreamError) => e)) as UpstreamError;
    expect(err).toMatchObject({ failure: 'circuit-open', payload: { status: 503 } });
    expect(err.retryAfterMs).toBeGreaterThan(800 - (Date.now() - started) - 50);
    expect(err.retryAfterMs).toBeLessThanOrEqual(800);
    expect(err.payload.message).not.toContain(' 0 ms');

    answer('ok');
    await expect(trial).resolves.toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('counts an internal error of the service as a failure', async () => {
    const b = make();
    const internal = () => Promise.reject(UpstreamError.from({ ...CommonErrors.INTERNAL, message: 'x' }, 'billing', 'p'));
    for (let i = 0; i < 4; i++) await b.run('p', internal, 1000).catch(() => undefined);
    expect(b.state).toBe('open');
  });
});
