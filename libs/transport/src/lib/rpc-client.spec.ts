import type { ClientProxy } from '@nestjs/microservices';
import type { MessageMeta } from '@pizza/contracts-common';
import { of } from 'rxjs';
import { InstancePool } from './instance-pool';
import { RetryBudget } from './retry-budget';
import { deadlineWithin, RpcClient, type CallPolicy } from './rpc-client';
import type { RpcObserver, RpcOutcome } from './rpc-observer';
import type { UpstreamError } from './upstream.error';

/** Events of any name: the client's own behaviour is under test, not a contract. */
type AnyEvents = Record<string, unknown>;

type Reply = { err?: unknown; response?: unknown; afterMs?: number };

/** A proxy whose replies are scripted, one per publish (`afterMs` later); `null` never answers. */
function scriptedProxy(replies: Array<Reply | null>): ClientProxy & { sent: number; closed: number; emitted: unknown[]; published: Array<{ meta: MessageMeta }> } {
  const proxy = {
    sent: 0,
    closed: 0,
    emitted: [] as unknown[],
    published: [] as Array<{ meta: MessageMeta }>,
    emit: (_pattern: string, envelope: unknown) => {
      proxy.emitted.push(envelope);
      return of(undefined);
    },
    close: () => void proxy.closed++,
    connect: () => Promise.resolve(),
    createPacket: (pattern: string, data: unknown) => ({ pattern, data }),
    publish: (packet: { data: { meta: MessageMeta } }, callback: (p: Reply) => void) => {
      proxy.published.push(packet.data);
      const reply = replies[proxy.sent++];
      if (reply?.afterMs) setTimeout(() => callback(reply), reply.afterMs);
      else if (reply) setImmediate(() => callback(reply));
      return () => undefined;
    },
  };
  return proxy as unknown as ClientProxy & { sent: number; closed: number; emitted: unknown[]; published: Array<{ meta: MessageMeta }> };
}

/** A proxy that cannot connect (connection refused): nothing is ever published. */
function refusing(): ClientProxy & { sent: number; connects: number } {
  const proxy = {
    sent: 0,
    connects: 0,
    connect: () => {
      proxy.connects++;
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4002'), { code: 'ECONNREFUSED' }));
    },
    createPacket: (pattern: string, data: unknown) => ({ pattern, data }),
    publish: () => {
      proxy.sent++;
      return () => undefined;
    },
  };
  return proxy as unknown as ClientProxy & { sent: number; connects: number };
}

function recorder(): RpcObserver & { calls: Array<[string, string, RpcOutcome]>; retries: string[]; seconds: number[] } {
  const r = {
    calls: [] as Array<[string, string, RpcOutcome]>,
    retries: [] as string[],
    seconds: [] as number[],
    called: (service: string, pattern: string, outcome: RpcOutcome, seconds: number) => {
      r.calls.push([service, pattern, outcome]);
      r.seconds.push(seconds);
    },
    retried: (_service: string, pattern: string) => r.retries.push(pattern),
    watchClients: () => undefined,
  };
  return r;
}

/** A client of `service` over these instances (round-robin in this order): a short deadline, one retry, reads retryable. */
function rpcClient(service: string, proxies: ClientProxy[], policy: Partial<CallPolicy> = {}) {
  const pool = InstancePool.of(service, proxies.map((proxy, i) => ({ label: `i${i}`, proxy })), { maxFailures: 100, ejectMs: 1000 });
  return new RpcClient(service, pool, {
    timeoutMs: 200,
    retryable: new Set(['menu.pizza.get', 'order.order.get']),
    keyed: new Set(['order.order.create']),
    retryMax: 1,
    backoffMs: 1,
    hedgeAfterPercent: 40,
    budget: new RetryBudget(0.2),
    ...policy,
  });
}

const client = (proxy: ClientProxy, observer: RpcObserver) => rpcClient('menu', [proxy], { observer });

describe('RpcClient observer', () => {
  it('reports a result as ok, with the time the caller waited', async () => {
    const observer = recorder();
    await expect(client(scriptedProxy([{ response: { id: 'margherita' } }]), observer).send('menu.pizza.get', {})).resolves.toEqual({ id: 'margherita' });
    expect(observer.calls).toEqual([['menu', 'menu.pizza.get', 'ok']]);
    expect(observer.seconds[0]).toBeGreaterThan(0);
    expect(observer.seconds[0]).toBeLessThan(0.2);
  });

  it('reports a coded error from the service as rejected, once', async () => {
    const observer = recorder();
    const notFound = { code: 'MENU.PIZZA_NOT_FOUND', status: 404, message: 'no such pizza' };
    await expect(client(scriptedProxy([{ err: notFound }]), observer).send('menu.pizza.get', {})).rejects.toMatchObject({ failure: 'rejected' });
    expect(observer.calls).toEqual([['menu', 'menu.pizza.get', 'rejected']]);
    expect(observer.retries).toEqual([]);
  });

  it('reports a failure the service relays from a service behind it as relayed, not retried', async () => {
    const observer = recorder();
    const behind = { code: 'UPSTREAM_TIMEOUT', status: 504, message: 'menu did not answer within 900 ms' };
    const proxy = scriptedProxy([{ err: behind }, { response: 'a retry would get this' }]);
    await expect(rpcClient('order', [proxy], { observer }).send('order.order.get', {})).rejects.toMatchObject({ failure: 'rejected', relayed: true });
    expect(observer.calls).toEqual([['order', 'order.order.get', 'relayed']]);
    expect(proxy.sent).toBe(1);
  });

  it('counts a retry of a read that timed out, and one call that ended ok', async () => {
    const observer = recorder();
    const proxy = scriptedProxy([null, { response: 'second try' }]);
    // A short first try and a long second one: the retry's reply arrives in time on a busy machine too.
    await expect(rpcClient('menu', [proxy], { observer, timeoutMs: 1000, hedgeAfterPercent: 10 }).send('menu.pizza.get', {})).resolves.toBe('second try');
    expect(proxy.sent).toBe(2);
    expect(observer.retries).toEqual(['menu.pizza.get']);
    expect(observer.calls).toEqual([['menu', 'menu.pizza.get', 'ok']]);
  });

  it('reports a call that never got an answer as timeout, after the deadline', async () => {
    const observer = recorder();
    await expect(client(scriptedProxy([null]), observer).send('menu.pizza.update', {})).rejects.toMatchObject({ failure: 'timeout' });
    expect(observer.calls).toEqual([['menu', 'menu.pizza.update', 'timeout']]);
    expect(observer.seconds[0]).toBeGreaterThanOrEqual(0.19);
  });
});

describe('RpcClient retries', () => {
  const twoInstances = (first: ClientProxy, second: ClientProxy, policy: Partial<CallPolicy> = {}) => rpcClient('order', [first, second], { timeoutMs: 500, ...policy });

  it('sends a command to the next instance when the first refused the connection (nothing was sent)', async () => {
    const dead = refusing();
    const alive = scriptedProxy([{ response: { id: 'o-1' } }]);
    await expect(twoInstances(dead, alive).send('order.order.create', {})).resolves.toEqual({ id: 'o-1' });
    expect([dead.connects, dead.sent, alive.sent]).toEqual([1, 0, 1]);
  });

  it('never sends a command twice once it was sent: a lost reply is a timeout, not a retry', async () => {
    const silent = scriptedProxy([null]);
    const other = scriptedProxy([{ response: 'would be a second order' }]);
    await expect(twoInstances(silent, other).send('order.order.create', {})).rejects.toMatchObject({ failure: 'timeout' });
    expect([silent.sent, other.sent]).toEqual([1, 0]);
  });

  describe('a command carrying an Idempotency-Key (its service makes it once per key)', () => {
    const keyed = { meta: { idempotency: { key: 'k-1', fingerprint: 'a'.repeat(64) } } };
    const connectionLost = { err: new Error('Connection closed') };

    it('is sent again, to the next instance, when the connection failed under it', async () => {
      const broken = scriptedProxy([connectionLost]);
      const alive = scriptedProxy([{ response: { id: 'o-1' } }]);
      await expect(twoInstances(broken, alive).send('order.order.create', {}, keyed)).resolves.toEqual({ id: 'o-1' });
      expect([broken.sent, alive.sent]).toEqual([1, 1]);
    });

    it('without a key, or to a command its service does not key, the same failure is the answer: sent once', async () => {
      for (const [pattern, options] of [['order.order.create', {}], ['order.order.cancel', keyed]] as const) {
        const broken = scriptedProxy([connectionLost]);
        const alive = scriptedProxy([{ response: 'would be a second one' }]);
        await expect(twoInstances(broken, alive).send(pattern, {}, options)).rejects.toMatchObject({ failure: 'unavailable' });
        expect(alive.sent).toBe(0);
      }
    });

    it('waits for its answer the whole deadline, and a timeout is not retried (it may still be running)', async () => {
      const silent = scriptedProxy([null]);
      const other = scriptedProxy([{ response: 'x' }]);
      const t0 = performance.now();
      await expect(twoInstances(silent, other).send('order.order.create', {}, keyed)).rejects.toMatchObject({ failure: 'timeout' });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(495);
      expect(other.sent).toBe(0);
    });
  });

  it('reports a command no instance would take as unavailable, after at most RPC_RETRY_MAX resends', async () => {
    const a = refusing();
    const b = refusing();
    await expect(twoInstances(a, b).send('order.order.create', {})).rejects.toMatchObject({ failure: 'unavailable', notSent: true });
    expect(a.connects + b.connects).toBe(2);
  });

  it('does not resend a command when retries are off (RPC_RETRY_MAX=0) or the budget is spent', async () => {
    const off = refusing();
    await expect(twoInstances(off, scriptedProxy([{ response: 'x' }]), { retryMax: 0 }).send('order.order.create', {})).rejects.toMatchObject({ failure: 'unavailable' });
    expect(off.connects).toBe(1);
    const broke = refusing();
    await expect(twoInstances(broke, scriptedProxy([{ response: 'x' }]), { budget: new RetryBudget(0, 0) }).send('order.order.create', {})).rejects.toMatchObject({ failure: 'unavailable' });
    expect(broke.connects).toBe(1);
  });
});

describe('RpcClient hedged reads (a try slower than its share of the deadline)', () => {
  // A 1000 ms deadline; a second try may go out after 40% of it.
  const slowClient = (proxies: ClientProxy[], policy: Partial<CallPolicy> = {}) => rpcClient('menu', proxies, { timeoutMs: 1000, hedgeAfterPercent: 40, ...policy });

  it('gets the answer of a service that is slow but within the deadline: the slow try is not cut short', async () => {
    const slow = scriptedProxy([{ response: 'slow but sure', afterMs: 600 }, null]);
    const t0 = performance.now();
    await expect(slowClient([slow]).send('menu.pizza.get', {})).resolves.toBe('slow but sure');
    expect(performance.now() - t0).toBeLessThan(900);
    // The hedge went out at 40%, and the first answer won.
    expect(slow.sent).toBe(2);
  });

  it('answers from the other instance when the first does not answer in its share', async () => {
    const frozen = scriptedProxy([null]);
    const alive = scriptedProxy([{ response: 'from the other' }]);
    const t0 = performance.now();
    await expect(slowClient([frozen, alive]).send('menu.pizza.get', {})).resolves.toBe('from the other');
    expect(performance.now() - t0).toBeLessThan(900);
    expect([frozen.sent, alive.sent]).toEqual([1, 1]);
  });

  it('with no retry to be had (budget spent, or retries off), waits the whole deadline for the one try', async () => {
    for (const policy of [{ budget: new RetryBudget(0, 0) }, { retryMax: 0 }]) {
      const slow = scriptedProxy([{ response: 'slow but sure', afterMs: 600 }]);
      await expect(slowClient([slow], policy).send('menu.pizza.get', {})).resolves.toBe('slow but sure');
      expect(slow.sent).toBe(1);
    }
  });

  it('ends at once with a coded answer from the hedge, while the first try is still out', async () => {
    const frozen = scriptedProxy([null]);
    const notFound = scriptedProxy([{ err: { code: 'MENU.PIZZA_NOT_FOUND', status: 404, message: 'no such pizza' } }]);
    const t0 = performance.now();
    await expect(slowClient([frozen, notFound]).send('menu.pizza.get', {})).rejects.toMatchObject({ failure: 'rejected', payload: { status: 404 } });
    expect(performance.now() - t0).toBeLessThan(900);
  });

  it('never hedges a command: it waits for its one answer', async () => {
    const slow = scriptedProxy([{ response: { id: 'o-1' }, afterMs: 600 }]);
    const other = scriptedProxy([{ response: 'would be a second order' }]);
    await expect(slowClient([slow, other]).send('order.order.create', {})).resolves.toEqual({ id: 'o-1' });
    expect(other.sent).toBe(0);
  });

  it('reports a timeout at the deadline when no try answered, not when the first try\'s share ran out', async () => {
    const observer = recorder();
    const t0 = performance.now();
    await expect(slowClient([scriptedProxy([null, null])], { observer }).send('menu.pizza.get', {})).rejects.toMatchObject({
      failure: 'timeout',
      payload: { message: 'menu did not answer within 1000 ms' },
    });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    expect(observer.retries).toEqual(['menu.pizza.get']);
  });
});

describe('RpcClient deadlines across services (meta.budgetMs)', () => {
  it('tells each try its own deadline, and keeps the rest of the meta', async () => {
    const proxy = scriptedProxy([null, { response: 'second try' }]);
    await expect(rpcClient('menu', [proxy], { timeoutMs: 1000, hedgeAfterPercent: 10 }).send('menu.pizza.get', {}, { meta: { requestId: 'r-1' } })).resolves.toBe('second try');
    const [first, second] = proxy.published.map((p) => p.meta);
    // The first try may take the whole deadline (it is hedged, not cut), less the ms that may tick
    // between reading the clock for the deadline and for the try; the hedge gets what is left.
    expect(first).toEqual({ requestId: 'r-1', budgetMs: expect.any(Number) });
    expect(first.budgetMs).toBeGreaterThanOrEqual(995);
    expect(first.budgetMs).toBeLessThanOrEqual(1000);
    expect(second.requestId).toBe('r-1');
    // About 900 ms: a timer starts from the event loop's cached clock, which can trail Date.now() by
    // a few ms, so the hedge may go out a little before 100 ms by the wall clock (901 ms was seen).
    expect(second.budgetMs).toBeGreaterThan(800);
    expect(second.budgetMs).toBeLessThanOrEqual(910);
  });

  it('ends a call made for a caller before what the caller has left, not at its own deadline', async () => {
    const proxy = scriptedProxy([null]);
    const err = await rpcClient('kitchen', [proxy], { timeoutMs: 5000 })
      .send('kitchen.ticket.cancel', {}, { meta: { requestId: 'r-2', budgetMs: 1000 } })
      .catch((e: UpstreamError) => e);
    // 200 ms of the caller's 1000 kept for the way back (10% would leave 100 ms, too little).
    expect(err).toMatchObject({ failure: 'timeout', payload: { code: 'UPSTREAM_TIMEOUT', message: 'kitchen did not answer within 800 ms' } });
    expect(proxy.published[0].meta.budgetMs).toBeLessThanOrEqual(800);
  });

  it('keeps 10% of a long budget, and half of a short one', () => {
    expect(deadlineWithin(60_000, 10_000)).toBe(9000);
    expect(deadlineWithin(60_000, 300)).toBe(150);
    expect(deadlineWithin(60_000, 1)).toBe(1);
    expect(deadlineWithin(500, 10_000)).toBe(500);
    expect(deadlineWithin(500, undefined)).toBe(500);
  });

  it('keeps its own deadline when that is the shorter one', async () => {
    const proxy = scriptedProxy([null]);
    const err = await rpcClient('kitchen', [proxy], { timeoutMs: 50 }).send('kitchen.ticket.cancel', {}, { meta: { budgetMs: 60_000 } }).catch((e: UpstreamError) => e);
    expect(err).toMatchObject({ failure: 'timeout', payload: { message: 'kitchen did not answer within 50 ms' } });
  });

  it('does not hand the budget of the request that caused an event to the event', async () => {
    const proxy = scriptedProxy([]);
    await rpcClient('billing', [proxy]).emit<AnyEvents, string>('order.cancelled', { orderId: 'o-1' }, { requestId: 'r-3', budgetMs: 900 });
    expect(proxy.emitted).toEqual([{ meta: { requestId: 'r-3' }, data: { orderId: 'o-1' } }]);
  });
});

describe('RpcClient and a draining instance', () => {
  it('sends a command refused by an instance shutting down (SERVICE_DRAINING: not handled) to another instance, and closes its connection to it', async () => {
    const draining = scriptedProxy([{ err: { code: 'SERVICE_DRAINING', status: 503, message: 'the service is shutting down' } }]);
    const alive = scriptedProxy([{ response: { id: 'o-2' } }, { response: { id: 'o-3' } }]);
    const rpc = rpcClient('order', [draining, alive]);
    await expect(rpc.send('order.order.create', {})).resolves.toEqual({ id: 'o-2' });
    expect([draining.sent, alive.sent, draining.closed]).toEqual([1, 1, 1]);
    // Out of rotation: the next call goes straight to the other instance.
    await expect(rpc.send('order.order.create', {})).resolves.toEqual({ id: 'o-3' });
    expect(draining.sent).toBe(1);
  });

  it('answers 503 UPSTREAM_UNAVAILABLE, never the internal code, when no instance is left to take it', async () => {
    const draining = scriptedProxy([{ err: { code: 'SERVICE_DRAINING', status: 503, message: 'the service is shutting down' } }]);
    const rpc = rpcClient('order', [draining], { retryMax: 0 });
    await expect(rpc.send('order.order.create', {})).rejects.toMatchObject({ failure: 'unavailable', notSent: true, payload: { code: 'UPSTREAM_UNAVAILABLE', status: 503 } });
  });
});

describe('RpcClient.probe (health)', () => {
  const down = { err: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) };

  it('pings every instance at once and counts those that answered: one left is enough', async () => {
    const a = scriptedProxy([{ response: 'pong' }]);
    const b = scriptedProxy([down]);
    const c = scriptedProxy([{ response: 'pong' }]);
    await expect(rpcClient('order', [a, b, c]).probe('order.ping', {}, 200)).resolves.toBe(2);
    expect([a.sent, b.sent, c.sent]).toEqual([1, 1, 1]);
  });

  it('rejects with the failure when no instance answered, without retrying', async () => {
    const a = scriptedProxy([down, { response: 'a retry would get this' }]);
    await expect(rpcClient('order', [a]).probe('order.ping', {}, 200)).rejects.toMatchObject({ failure: 'unavailable' });
    expect(a.sent).toBe(1);
  });
});

describe('RpcClient.emit (events over TCP)', () => {
  it('gives the event to the next instance when the picked one refuses the connection (it did not get it)', async () => {
    const dead = refusing();
    const alive = scriptedProxy([]);
    await rpcClient('kitchen', [dead, alive]).emit<AnyEvents, string>('payment.succeeded', { orderId: 'o-1' });
    expect(dead.connects).toBe(1);
    expect(alive.emitted).toEqual([{ meta: {}, data: { orderId: 'o-1' } }]);
  });

  it('fails, once each instance refused it, with the event undelivered', async () => {
    const a = refusing();
    const b = refusing();
    await expect(rpcClient('kitchen', [a, b]).emit<AnyEvents, string>('payment.succeeded', { orderId: 'o-1' })).rejects.toMatchObject({ failure: 'unavailable', notSent: true });
    expect(a.connects + b.connects).toBe(2);
  });
});

describe('RpcClient bulkhead (maxInFlight)', () => {
  it('sheds the call past the bound at once, unsent, without a breaker failure; a slot freed is used again', async () => {
    const observer = recorder();
    const breakerRuns: string[] = [];
    const breaker = { run: (pattern: string, call: () => Promise<unknown>) => (breakerRuns.push(pattern), call()), state: 'closed', shutdown: () => undefined };
    // Two slow answers, then a quick one.
    const proxy = scriptedProxy([{ response: 'a', afterMs: 50 }, { response: 'b', afterMs: 50 }, { response: 'c' }]);
    const menu = rpcClient('kitchen', [proxy], { observer, maxInFlight: 2, breaker: breaker as unknown as CallPolicy['breaker'] });
    const first = menu.send('kitchen.ticket.list', {});
    const second = menu.send('kitchen.ticket.list', {});
    expect(menu.inFlight).toBe(2);
    const shed = await menu.send('kitchen.ticket.list', {}).catch((e: UpstreamError) => e);
    expect(shed).toMatchObject({ failure: 'overloaded', payload: { code: 'UPSTREAM_OVERLOADED', status: 503 } });
    expect((shed as UpstreamError).isTransportFailure).toBe(false);
    expect(proxy.sent).toBe(2);
    expect(breakerRuns).toHaveLength(2);
    await expect(Promise.all([first, second])).resolves.toEqual(['a', 'b']);
    expect(menu.inFlight).toBe(0);
    await expect(menu.send('kitchen.ticket.list', {})).resolves.toBe('c');
    expect(observer.calls.map(([, , outcome]) => outcome)).toEqual(['overloaded', 'ok', 'ok', 'ok']);
  });

  it('frees the slot of a call that failed, and has no bound without maxInFlight', async () => {
    const bounded = rpcClient('menu', [scriptedProxy([{ err: { code: 'MENU.PIZZA_NOT_FOUND', status: 404, message: 'no' } }, { response: 'ok' }])], { maxInFlight: 1 });
    await expect(bounded.send('menu.pizza.get', {})).rejects.toMatchObject({ failure: 'rejected' });
    await expect(bounded.send('menu.pizza.get', {})).resolves.toBe('ok');
    const unbounded = rpcClient('menu', [scriptedProxy(Array.from({ length: 50 }, () => ({ response: 'x', afterMs: 5 })))]);
    await expect(Promise.all(Array.from({ length: 50 }, () => unbounded.send('menu.pizza.update', {})))).resolves.toHaveLength(50);
  });
});
