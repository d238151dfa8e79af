import type { MessageHandler } from '@nestjs/microservices';
import { firstValueFrom, isObservable, Subject, type Observable } from 'rxjs';
import { ServerDrain } from './server-drain';

/** A handler that finishes when told to. */
function gated(): { handler: MessageHandler; finish: (value: unknown) => void; calls: number } {
  const gate = { calls: 0, finish: (_: unknown) => undefined as void, handler: undefined as unknown as MessageHandler };
  gate.handler = (() => {
    gate.calls++;
    return new Promise((resolve) => (gate.finish = resolve));
  }) as unknown as MessageHandler;
  return gate;
}

const settledYet = async (p: Promise<unknown>) => {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
};

describe('ServerDrain', () => {
  it('settles at once when nothing runs', async () => {
    expect(await settledYet(new ServerDrain(true).start())).toBe(true);
  });

  it('waits for every handler that runs, including one that fails', async () => {
    const drain = new ServerDrain(true);
    const ok = gated();
    const failing = (async () => Promise.reject(new Error('boom'))) as unknown as MessageHandler;
    const running = drain.wrap(ok.handler, false)('data', {});
    await expect(drain.wrap(failing, false)('data', {})).rejects.toThrow('boom');
    const drained = drain.start();
    expect(await settledYet(drained)).toBe(false);
    ok.finish('answer');
    expect(await running).toBe('answer');
    expect(await settledYet(drained)).toBe(true);
  });

  it('counts a handler that answers with an observable until it ends (its reply is written then)', async () => {
    const drain = new ServerDrain(false);
    const reply = new Subject<string>();
    const result = await drain.wrap((async () => reply) as unknown as MessageHandler, false)('data', {});
    const drained = drain.start();
    const answer = firstValueFrom(result as Observable<string>);
    expect(await settledYet(drained)).toBe(false);
    reply.next('answer');
    reply.complete();
    expect(await answer).toBe('answer');
    expect(await settledYet(drained)).toBe(true);
  });

  it('once draining, refuses requests with SERVICE_DRAINING without handling them (TCP), but still handles events', async () => {
    const drain = new ServerDrain(true);
    void drain.start();
    const request = gated();
    const refused = await drain.wrap(request.handler, false)('data', {});
    expect(isObservable(refused)).toBe(true);
    await expect(firstValueFrom(refused as Observable<unknown>)).rejects.toMatchObject({ code: 'SERVICE_DRAINING', status: 503 });
    expect(request.calls).toBe(0);
    const event = gated();
    const handled = drain.wrap(event.handler, true)('event', {});
    event.finish(undefined);
    await handled;
    expect(event.calls).toBe(1);
  });

  it('handles requests while draining when the broker already stopped routing new ones (NATS)', async () => {
    const drain = new ServerDrain(false);
    void drain.start();
    const request = gated();
    const handled = drain.wrap(request.handler, false)('data', {});
    request.finish('answer');
    expect(await handled).toBe('answer');
  });

  describe('quiet', () => {
    it('resolves at once when every connection is closed', async () => {
      const drain = new ServerDrain(true);
      await drain.start();
      const t0 = performance.now();
      await drain.quiet(() => true, 5000, 10_000);
      expect(performance.now() - t0).toBeLessThan(100);
    });

    it('resolves once nothing arrived for the quiet period, and waits while requests keep arriving (to be refused)', async () => {
      const drain = new ServerDrain(true);
      await drain.start();
      const request = gated();
      const wrapped = drain.wrap(request.handler, false);
      const t0 = performance.now();
      // A caller still writing: a refused request every 20 ms for 300 ms.
      const writer = setInterval(() => void wrapped('data', {}), 20);
      setTimeout(() => clearInterval(writer), 300);
      await drain.quiet(() => false, 100, 5000);
      const waited = performance.now() - t0;
      expect(waited).toBeGreaterThanOrEqual(300);
      expect(waited).toBeLessThan(2000);
      expect(request.calls).toBe(0);
    });

    it('gives up after its bound when callers never go quiet', async () => {
      const drain = new ServerDrain(true);
      await drain.start();
      const wrapped = drain.wrap(gated().handler, false);
      const writer = setInterval(() => void wrapped('data', {}), 10);
      const t0 = performance.now();
      await drain.quiet(() => false, 100, 300);
      clearInterval(writer);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
      expect(performance.now() - t0).toBeLessThan(1500);
    });
  });
});
