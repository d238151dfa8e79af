import { MenuPatterns } from '@pizza/contracts-menu';
import { OrderPatterns } from '@pizza/contracts-order';
import { apiClient, NatsServer, scrapeMetrics, Stack, startLoad, startNats, waitFor, type ApiResponse, type AppName, type NatsHandle, type Sample } from '@pizza/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Fault injection against the real stack: processes are killed, frozen and
 * restarted under load, and we check what a client would notice. Deadlines are
 * short so each scenario takes seconds.
 */
const RPC_TIMEOUT_MS = 1000;
/** ROUTE_TIMEOUTS_MS gives the kitchen's advance route this deadline, shorter than the service's. */
const ADVANCE_TIMEOUT_MS = 300;
const FAST = {
  RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
  AGGREGATE_DEADLINE_MS: '800',
  BREAKER_SLEEP_MS: '3000',
  BREAKER_MIN_VOLUME: '5',
  BREAKER_WINDOW_MS: '5000',
  OUTLIER_EJECT_MS: '500',
  SHUTDOWN_DRAIN_MS: '300',
};

const isProblem = (s: Sample) => (s.contentType ?? '').includes('application/problem+json');
const after = (samples: Sample[], t: number) => samples.filter((s) => s.startedAt >= t);
const ratio = (samples: Sample[], ok: (s: Sample) => boolean) => samples.filter(ok).length / Math.max(1, samples.length);
/** Until the load has taken `n` samples that `which` picks (instead of letting it run for a while). */
const enough = (load: { samples: () => Sample[] }, which: (s: Sample) => boolean, n: number, what: string) =>
  waitFor(() => load.samples().filter(which).length >= n, { timeoutMs: 20_000, what: `${n} ${what}` });
/** Requests of `pattern` that one process handled and answered (its rpc_server_duration_seconds count). */
const handledOk = async (stack: Stack, app: AppName, pattern: string) => {
  const service = app.split('#')[0];
  return (await scrapeMetrics(stack.metricsUrl(app))).get(`rpc_server_duration_seconds_count{service="${service}",pattern="${pattern}",outcome="ok"}`) ?? 0;
};
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function loginAll(api: ReturnType<typeof apiClient>): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const u of ['alice', 'bob', 'chef']) {
    tokens[u] = (await api('POST', '/v1/auth/login', { body: { username: u, password: `${u}-pizza` } })).body.accessToken;
  }
  return tokens;
}

/**
 * The kitchen is killed, an order is paid (which needs billing and order only: the kitchen hears of
 * it by payment.succeeded, which no instance can take now), the kitchen comes back: the ticket
 * appears in it, once.
 */
async function paidWhileKitchenDown(stack: Stack, tokens: Record<string, string>): Promise<void> {
  const api = apiClient(() => stack.baseUrl);
  const order = (await api('POST', '/v1/orders', { token: tokens['bob'], body: { items: [{ pizzaId: 'diavola', quantity: 1 }] } })).body;
  const kitchen = stack.process('kitchen');
  kitchen.signal('SIGKILL');
  await kitchen.exited;
  const paid = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' } });
  expect(paid.status).toBe(200);
  stack.spawn('kitchen');
  const tickets = await waitFor(async () => {
    const queue = await api('GET', '/v1/kitchen/tickets?status=queued&limit=100', { token: tokens['chef'] });
    const mine = queue.status === 200 ? (queue.body as Array<{ orderId: string }>).filter((t) => t.orderId === order.id) : [];
    return mine.length ? mine : undefined;
  }, { timeoutMs: 15_000, what: "the paid order's ticket in the restarted kitchen" });
  expect(tickets).toHaveLength(1);
  expect((await api('GET', `/v1/orders/${order.id}`, { token: tokens['bob'] })).body.kitchen).toMatchObject({ status: 'queued' });
}

describe('faults over TCP (one instance each)', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);
  let tokens: Record<string, string>;
  const get = (path: string, token?: string) => () => fetch(stack.baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const breakerOf = async (service: string) => (await api('GET', '/health/ready')).body.details?.[service]?.breaker;

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { ...FAST, ROUTE_TIMEOUTS_MS: `POST /v1/kitchen/tickets/:ticketId/advance=${ADVANCE_TIMEOUT_MS}` } }).start();
    tokens = await loginAll(api);
  });
  afterAll(() => stack?.stop());
  afterEach(async () => {
    // A failed scenario must not leave a frozen service behind for the next one.
    for (const p of stack.processes.values()) p.signal('SIGCONT');
    await waitFor(async () => (await api('GET', '/health/ready')).status === 200, { timeoutMs: 15_000, what: 'the stack to recover' });
  });

  it('1. SIGKILL billing under load: fast 503/504 problem+json, none hang, recovery within 5 s of restart', async () => {
    const order = (await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } })).body;
    // A declined card reaches billing and changes nothing: a repeatable call that proves billing answered.
    const pay = () =>
      fetch(`${stack.baseUrl}/v1/orders/${order.id}/payment`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens['alice']}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cardToken: 'tok_chargeDeclined' }),
      });
    // Billing's own answers: 402 declined, or 409 while another worker's charge of this order runs.
    const answered = (status: number) => status === 402 || status === 409;
    const load = startLoad(pay, 4);
    await enough(load, () => true, 20, 'answers before the fault');
    const billing = stack.process('billing');
    billing.signal('SIGKILL');
    await billing.exited;
    const killedAt = Date.now();
    await waitFor(async () => (await api('GET', '/health/ready')).status === 503, { what: 'readiness to notice' });
    await enough(load, (s) => s.startedAt >= killedAt, 20, 'answers during the outage');
    stack.spawn('billing');
    // "After restart": from the moment the new process answers its ping (Nest needs ~1 s to boot).
    await waitFor(async () => (await api('GET', '/health/ready')).status === 200, { timeoutMs: 10_000, what: 'billing to boot' });
    const restartedAt = Date.now();
    await waitFor(async () => answered((await pay()).status), { timeoutMs: 10_000, what: 'billing to answer again' });
    const recoveredAt = Date.now();
    await enough(load, (s) => s.startedAt >= recoveredAt + 200, 200, 'answers after recovery');
    const samples = await load.stop();

    expect(samples.length).toBeGreaterThan(50);
    const failures = samples.filter((s) => !answered(s.status));
    expect(failures.length).toBeGreaterThan(0);
    for (const s of failures) {
      expect([503, 504]).toContain(s.status);
      expect(isProblem(s)).toBe(true);
    }
    expect(Math.max(...samples.map((s) => s.elapsedMs))).toBeLessThan(RPC_TIMEOUT_MS + 1000);
    expect(recoveredAt - restartedAt).toBeLessThan(5000);
    expect(ratio(after(samples, recoveredAt + 200), (s) => answered(s.status))).toBeGreaterThanOrEqual(0.99);
  });

  it('1b. a payment made while the kitchen is down: its pizza reaches the kitchen once it is back (the event waited), once', () => paidWhileKitchenDown(stack, tokens));

  // Before case 2: the kitchen's breaker has seen no failure yet.
  it('timeouts per route: with kitchen frozen, the route given its own deadline answers 504 at it, another at the service deadline', async () => {
    const kitchen = stack.process('kitchen');
    const timed = async (call: () => Promise<ApiResponse>) => {
      const t0 = performance.now();
      const res = await call();
      return { res, ms: performance.now() - t0 };
    };
    kitchen.signal('SIGSTOP');
    const advance = await timed(() => api('POST', `/v1/kitchen/tickets/${randomUUID()}/advance`, { token: tokens['chef'] }));
    const list = await timed(() => api('GET', '/v1/kitchen/tickets', { token: tokens['chef'] }));
    kitchen.signal('SIGCONT');

    expect(advance.res.status).toBe(504);
    expect(advance.res.body).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(advance.ms).toBeGreaterThanOrEqual(ADVANCE_TIMEOUT_MS - 5);
    expect(advance.ms).toBeLessThan(RPC_TIMEOUT_MS - 200);
    expect(list.res.status).toBe(504);
    expect(list.ms).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 5);
  });

  it('2. SIGSTOP kitchen (socket open, no reply): 504/503 at the deadline, flat gateway memory, recovery on SIGCONT', async () => {
    const gatewayPid = stack.process('gateway').pid as number;
    const kitchen = stack.process('kitchen');
    const rssBefore = rssKb(gatewayPid);
    kitchen.signal('SIGSTOP');
    const load = startLoad(get('/v1/kitchen/tickets', tokens['chef']), 8);
    // The first calls wait for the deadline, then the open breaker answers at once: plenty of calls
    // through a frozen socket and an open breaker for a leak to show.
    await enough(load, (s) => s.status === 503, 500, 'fast answers from the open breaker');
    const frozen = await load.stop();
    const rssAfter = rssKb(gatewayPid);
    kitchen.signal('SIGCONT');

    expect(frozen.length).toBeGreaterThan(8);
    for (const s of frozen) {
      expect([503, 504]).toContain(s.status);
      expect(isProblem(s)).toBe(true);
      expect(s.elapsedMs).toBeLessThan(RPC_TIMEOUT_MS + 1000);
    }
    // The first calls wait for the deadline (504); then the breaker answers at once (503).
    expect(frozen.some((s) => s.status === 504)).toBe(true);
    expect(rssAfter - rssBefore).toBeLessThan(50 * 1024);
    await waitFor(async () => (await api('GET', '/v1/kitchen/tickets', { token: tokens['chef'] })).status === 200, { timeoutMs: 5000, what: 'kitchen after SIGCONT' });
  });

  it('3. restarting a TCP service 5 times under load: it always recovers', async () => {
    const load = startLoad(get('/v1/orders', tokens['bob']), 4);
    for (let i = 0; i < 5; i++) {
      const order = stack.process('order');
      order.signal('SIGKILL');
      await order.exited;
      stack.spawn('order');
      // Recovery counts from the moment the new process answers its ping, as in case 1: how long
      // Nest takes to boot depends on the machine, not on the gateway.
      await waitFor(async () => (await api('GET', '/health/ready')).body.details?.order?.status === 'up', { timeoutMs: 15_000, what: `order to boot (restart ${i + 1})` });
      const t0 = Date.now();
      await waitFor(async () => (await api('GET', '/v1/orders', { token: tokens['bob'] })).status === 200, { timeoutMs: 5000, what: `order after restart ${i + 1}` });
      expect(Date.now() - t0).toBeLessThan(5000);
    }
    const recoveredAt = Date.now();
    await enough(load, (s) => s.startedAt >= recoveredAt, 200, 'answers after the last restart');
    const samples = await load.stop();
    for (const s of samples.filter((x) => x.status !== 200)) expect([503, 504]).toContain(s.status);
    expect(ratio(after(samples, recoveredAt), (s) => s.status === 200)).toBeGreaterThanOrEqual(0.99);
  });

  it('6. breaker: billing failing 100% opens it, calls fail fast without reaching billing, then half-open and closed', async () => {
    const order = (await api('POST', '/v1/orders', { token: tokens['bob'], body: { items: [{ pizzaId: 'marinara', quantity: 1 }] } })).body;
    const pay = () => api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_chargeDeclined' } });
    const billing = stack.process('billing');
    billing.signal('SIGSTOP');
    // Failing calls (timeouts) until the breaker opens.
    await waitFor(async () => {
      await Promise.all(Array.from({ length: 5 }, pay));
      return (await breakerOf('billing')) === 'open';
    }, { timeoutMs: 15_000, what: 'the billing breaker to open' });

    const t0 = Date.now();
    const fast = await pay();
    expect(Date.now() - t0).toBeLessThan(200);
    expect(fast.status).toBe(503);
    expect(fast.body.code).toBe('UPSTREAM_CIRCUIT_OPEN');
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(fast.body.retryAfterMs).toBeGreaterThanOrEqual(0);
    expect(Number(fast.headers.get('retry-after-ms'))).toBe(fast.body.retryAfterMs);

    billing.signal('SIGCONT');
    // After the sleep window one trial call goes through; it succeeds and closes the breaker.
    await waitFor(async () => (await pay()).status === 402, { timeoutMs: 5000, what: 'a trial call to reach billing' });
    expect(await breakerOf('billing')).toBe('closed');
  });

  it('6b. a service behind another fails (menu frozen under order-service): the one in front answers 504 then 503 with Retry-After, and stays up', async () => {
    const menu = stack.process('menu');
    const place = () => api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    menu.signal('SIGSTOP');
    const replies: Array<ApiResponse & { ms: number }> = [];
    // Order-service's calls to the menu time out until its own menu breaker opens.
    await waitFor(async () => {
      const batch = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const t0 = performance.now();
          return { ...(await place()), ms: performance.now() - t0 };
        }),
      );
      replies.push(...batch);
      return batch.some((r) => r.body?.code === 'UPSTREAM_CIRCUIT_OPEN');
    }, { timeoutMs: 15_000, what: "order-service's menu breaker to open" });

    for (const r of replies) {
      expect([503, 504]).toContain(r.status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.ms).toBeLessThan(RPC_TIMEOUT_MS + 1000);
    }
    // The menu's silence reached the client as order-service's own coded 504, within the gateway's deadline.
    const timedOut = replies.filter((r) => r.status === 504);
    expect(timedOut.length).toBeGreaterThan(0);
    for (const r of timedOut) expect(r.body.detail).toMatch(/^menu did not answer within \d+ ms$/);
    // The breaker open behind order-service asks for a wait, as the gateway's own does.
    const open = replies.find((r) => r.body?.code === 'UPSTREAM_CIRCUIT_OPEN') as ApiResponse;
    expect(open.status).toBe(503);
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(open.headers.get('retry-after-ms'))).toBe(open.body.retryAfterMs);
    // Order-service answered every one of them: its breaker at the gateway stays closed, its other routes work.
    expect(await breakerOf('order')).toBe('closed');
    expect((await api('GET', '/v1/orders', { token: tokens['alice'] })).status).toBe(200);

    menu.signal('SIGCONT');
    await waitFor(async () => (await place()).status === 201, { timeoutMs: 10_000, what: 'orders to be placed again once the menu thaws' });
  });

  it('8. the same Idempotency-Key, concurrently and in sequence: one order, one charge', async () => {
    const body = { items: [{ pizzaId: 'diavola', quantity: 1 }] };
    const send = (key: string, b: unknown = body) => api('POST', '/v1/orders', { token: tokens['bob'], body: b, headers: { 'idempotency-key': key } });
    const before = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length;

    const concurrent = await Promise.all([send('k-concurrent'), send('k-concurrent')]);
    const statuses = concurrent.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const created = concurrent.find((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true')?.body;
    expect(created?.id).toBeDefined();

    const replay = await send('k-concurrent');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(created.id);
    expect((await send('k-concurrent', { items: [{ pizzaId: 'diavola', quantity: 2 }] })).status).toBe(422);
    expect((await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length).toBe(before + 1);

    const charge = () => api('POST', `/v1/orders/${created.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' }, headers: { 'idempotency-key': 'pay-1' } });
    const [p1, p2] = await Promise.all([charge(), charge()]);
    const ok = [p1, p2].filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [p1, p2]) expect([200, 409]).toContain(r.status);
    const again = await charge();
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(ok[0].body.id);
    const view = await api('GET', `/v1/orders/${created.id}`, { token: tokens['bob'] });
    expect(view.body.payment).toEqual({ status: 'succeeded', amountCents: created.totalCents });
  });

  it('8b. an order, a payment and a chef’s advance whose replies were lost (service frozen past the deadline): each retry gets what the first made, nothing twice', async () => {
    const body = { items: [{ pizzaId: 'quattro-formaggi', quantity: 1 }] };
    const place = (b: unknown = body) => api('POST', '/v1/orders', { token: tokens['bob'], body: b, headers: { 'idempotency-key': 'k-lost-reply' } });
    const mine = async () => (await api('GET', '/v1/orders', { token: tokens['bob'] })).body as Array<{ id: string }>;
    const before = await mine();

    // The command reaches the order service, which is frozen: the client sees 504, the order is
    // made once it thaws, and the reply goes nowhere. The client does what the key is for: retries.
    const order = stack.process('order');
    order.signal('SIGSTOP');
    const lost = await place();
    order.signal('SIGCONT');
    expect(lost.status).toBe(504);
    const made = await waitFor(
      async () => {
        const fresh = (await mine()).filter((o) => !before.some((b) => b.id === o.id));
        return fresh.length > 0 && fresh;
      },
      { timeoutMs: 5000, what: 'the frozen order to be made' },
    );
    const retried = await place();
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(made[0].id);
    expect((await place({ items: [{ pizzaId: 'quattro-formaggi', quantity: 3 }] })).status).toBe(422);
    expect((await mine()).length).toBe(before.length + 1);

    const pay = () => api('POST', `/v1/orders/${made[0].id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' }, headers: { 'idempotency-key': 'pay-lost-reply' } });
    const billing = stack.process('billing');
    billing.signal('SIGSTOP');
    const lostPayment = await pay();
    billing.signal('SIGCONT');
    expect(lostPayment.status).toBe(504);
    const view = () => api('GET', `/v1/orders/${made[0].id}`, { token: tokens['bob'] });
    await waitFor(async () => (await view()).body.payment?.status === 'succeeded', { timeoutMs: 5000, what: 'the frozen charge to go through' });
    const retriedPayment = await pay();
    expect(retriedPayment.status).toBe(200);
    expect(retriedPayment.body).toMatchObject({ orderId: made[0].id, status: 'succeeded' });

    // The chef's advance names the step it means: its retry does not move the ticket a second step.
    const ticket = await waitFor(async () => (await view()).body.kitchen?.ticketId as string | undefined, { timeoutMs: 5000, what: 'the paid order to reach the kitchen' });
    const advance = () => api('POST', `/v1/kitchen/tickets/${ticket}/advance`, { token: tokens['chef'], body: { to: 'preparing' } });
    const kitchen = stack.process('kitchen');
    kitchen.signal('SIGSTOP');
    const lostAdvance = await advance();
    kitchen.signal('SIGCONT');
    expect(lostAdvance.status).toBe(504);
    await waitFor(async () => (await view()).body.kitchen?.status === 'preparing', { timeoutMs: 5000, what: 'the frozen advance to go through' });
    const retriedAdvance = await advance();
    expect(retriedAdvance.status).toBe(200);
    expect(retriedAdvance.body.status).toBe('preparing');
    expect((await view()).body.kitchen?.status).toBe('preparing');
  });

  it('8c. a cancel whose reply from the kitchen was lost (kitchen frozen past the deadline): once it thaws, the order is cancelled and refunded, with no retry', async () => {
    const order = (await api('POST', '/v1/orders', { token: tokens['bob'], body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } })).body;
    expect((await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' } })).status).toBe(200);
    const view = () => api('GET', `/v1/orders/${order.id}`, { token: tokens['bob'] });
    await waitFor(async () => (await view()).body.kitchen?.status === 'queued', { timeoutMs: 5000, what: 'the paid order to reach the kitchen' });

    // order-service asks the kitchen before it cancels; the kitchen, frozen, drops the ticket only
    // once it thaws, long after the customer got a 504 and went away.
    const kitchen = stack.process('kitchen');
    kitchen.signal('SIGSTOP');
    const lost = await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['bob'] });
    kitchen.signal('SIGCONT');
    expect(lost.status).toBe(504);
    const settled = await waitFor(
      async () => {
        const r = await view();
        return r.body.order?.status === 'cancelled' && r.body.payment?.status === 'refunded' && r.body.kitchen?.status === 'cancelled' ? r : undefined;
      },
      { timeoutMs: 5000, what: 'the cancel the kitchen took to be finished: order cancelled, payment refunded' },
    );
    expect(settled.body.errors).toEqual([]);
  });

  // Last in this stack: it stops the gateway.
  it('7. SIGTERM the gateway under load: readiness 503 first, no in-flight request fails, exit 0', async () => {
    const order = (await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } })).body;
    const kitchen = stack.process('kitchen');
    kitchen.signal('SIGSTOP'); // makes every order view take the whole aggregate deadline: long in-flight requests
    const slow = Array.from({ length: 4 }, () => api('GET', `/v1/orders/${order.id}`, { token: tokens['alice'] }));
    const load = startLoad(get('/v1/menu'), 4);
    await enough(load, () => true, 8, 'load on the gateway');
    const gateway = stack.process('gateway');
    gateway.signal('SIGTERM');
    // 503 from the moment the process handles the signal, before the listener closes (after the
    // drain): a probe sent right after the signal may be read first, so poll within the drain.
    const ready = await waitFor(
      async () => {
        const res = await api('GET', '/health/ready');
        return res.status === 503 && res;
      },
      { timeoutMs: Number(FAST.SHUTDOWN_DRAIN_MS), intervalMs: 5, what: 'readiness 503 while the gateway drains' },
    );
    const exitCode = await gateway.exited;
    const samples = await load.stop();
    kitchen.signal('SIGCONT');

    expect(ready.status).toBe(503);
    for (const r of await Promise.all(slow)) {
      expect(r.status).toBe(200);
      expect(r.body.errors).toEqual([{ part: 'kitchen', code: expect.stringMatching(/^UPSTREAM_/) }]);
    }
    // The in-flight requests above all completed. A load request either got an answer, was turned
    // away before any work (503 while closing), or found no listener / a connection closed before
    // its request was read (never processed: Node closes only connections without a request, and
    // the kernel resets those still in the listen backlog). undici reports the last as ECONNRESET
    // or, when the close arrives while it writes, UND_ERR_SOCKET ("other side closed").
    const broken = samples.filter((s) => s.status === 0 && !['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(s.errorCode ?? ''));
    expect(broken).toEqual([]);
    for (const s of samples.filter((x) => x.status !== 0)) expect([200, 503]).toContain(s.status);
    expect(samples.filter((s) => s.status === 200).length).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
    stack.spawn('gateway');
    await stack.waitReady();
  });
});

describe('events over NATS while their receiver is down (one instance each)', () => {
  let nats: NatsHandle;
  let stack: Stack;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    nats = await startNats();
    stack = await new Stack({ transport: 'nats', natsUrl: nats.url, env: FAST }).start();
    tokens = await loginAll(apiClient(() => stack.baseUrl));
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  // A plain publish reaches whoever is subscribed: with no kitchen subscribed, the event was gone.
  it('1c. a payment made while the kitchen is down: its pizza reaches the kitchen once it is back (the event waited), once', () => paidWhileKitchenDown(stack, tokens));
});

describe('a bulkhead per service (RPC_MAX_IN_FLIGHT=4), over TCP', () => {
  const MAX_IN_FLIGHT = 4;
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { ...FAST, RPC_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) } }).start();
  });
  afterAll(() => stack?.stop());

  it('with the kitchen frozen, the calls past the bound are answered 503 UPSTREAM_OVERLOADED at once, the others at the deadline; the menu is served; it recovers', async () => {
    const tokens = await loginAll(api);
    const kitchen = stack.process('kitchen');
    kitchen.signal('SIGSTOP');
    try {
      let answered = 0;
      const timed = async () => {
        const t0 = performance.now();
        const res = await api('GET', '/v1/kitchen/tickets', { token: tokens['chef'] });
        answered++;
        return { status: res.status, code: res.body?.code, ms: performance.now() - t0 };
      };
      const pending = Promise.all(Array.from({ length: 12 }, timed));
      // Once the shed calls are answered, the others are the ones waiting: readiness shows the bound, no more.
      await waitFor(() => answered >= 12 - MAX_IN_FLIGHT, { what: 'the shed calls to be answered' });
      expect((await api('GET', '/health/ready')).body.details.kitchen.inFlight).toBe(MAX_IN_FLIGHT);
      const replies = await pending;
      const shed = replies.filter((r) => r.code === 'UPSTREAM_OVERLOADED');
      const waited = replies.filter((r) => r.code !== 'UPSTREAM_OVERLOADED');
      expect(shed).toHaveLength(12 - MAX_IN_FLIGHT);
      for (const r of shed) {
        expect(r.status).toBe(503);
        // Not sent, so not waited for: well inside the deadline the others wait out.
        expect(r.ms).toBeLessThan(RPC_TIMEOUT_MS / 2);
      }
      expect(waited.map((r) => r.status)).toEqual(Array(MAX_IN_FLIGHT).fill(504));
      // Another service's calls have their own bound.
      expect((await api('GET', '/v1/menu')).status).toBe(200);
    } finally {
      kitchen.signal('SIGCONT');
    }
    await waitFor(async () => (await api('GET', '/v1/kitchen/tickets', { token: tokens['chef'] })).status === 200, { what: 'the kitchen to answer again' });
  });
});

describe('readiness that does not require the kitchen (READY_REQUIRES), over TCP', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { ...FAST, READY_REQUIRES: 'menu,order,billing' } }).start();
  });
  afterAll(() => stack?.stop());

  it('stays ready (200, degraded) with the kitchen down and serves what does not need it; a required service down is 503', async () => {
    const tokens = await loginAll(api);
    const kitchen = stack.process('kitchen');
    kitchen.signal('SIGKILL');
    await kitchen.exited;
    const degraded = await waitFor(async () => {
      const r = await api('GET', '/health/ready');
      return r.body.details?.kitchen?.status === 'degraded' ? r : undefined;
    }, { what: 'readiness to see the kitchen gone' });
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.details.kitchen.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(degraded.body.details.menu.status).toBe('up');
    // What does not need the kitchen is served meanwhile: an order, and its view without the kitchen part.
    const order = await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } });
    expect(order.status).toBe(201);
    const view = await api('GET', `/v1/orders/${order.body.id}`, { token: tokens['alice'] });
    expect(view.status).toBe(200);
    expect(view.body.errors).toContainEqual(expect.objectContaining({ part: 'kitchen' }));
    const billing = stack.process('billing');
    billing.signal('SIGKILL');
    await billing.exited;
    await waitFor(async () => (await api('GET', '/health/ready')).status === 503, { what: 'readiness to fail without billing' });
  });
});

describe('a slow service: the menu answers, late (a proxy holds its answers back), over TCP', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { ...FAST, CACHE_TTL_SECONDS: '0' }, proxied: ['menu'] }).start();
  });
  afterAll(() => stack?.stop());

  it('reads and orders that need 60% of the deadline get through: a try past its share is hedged, not cut (slow is not down)', async () => {
    const token = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
    const timed = async (call: () => Promise<ApiResponse>) => {
      const t0 = performance.now();
      const res = await call();
      return { status: res.status, body: res.body, ms: performance.now() - t0 };
    };
    // Past the point where a second try goes out (RPC_HEDGE_AFTER_PERCENT, 50%), within the deadline.
    const delayMs = RPC_TIMEOUT_MS * 0.6;
    stack.delay('menu', delayMs);
    const reads = [];
    for (let i = 0; i < 5; i++) reads.push(await timed(() => api('GET', '/v1/menu/margherita')));
    // order-service reads the menu within the gateway's deadline less 200 ms: 600 ms still fits.
    const order = await timed(() => api('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } }));
    stack.delay('menu', 0);

    for (const r of reads) {
      expect(`${r.status} ${r.body?.detail ?? ''}`).toBe('200 ');
      expect(r.ms).toBeGreaterThanOrEqual(delayMs - 5);
      expect(r.ms).toBeLessThan(RPC_TIMEOUT_MS);
    }
    expect(`${order.status} ${order.body?.detail ?? ''}`).toBe('201 ');
    const menu = (await api('GET', '/health/ready')).body.details?.menu;
    expect(menu.breaker).toBe('closed');
    expect(menu.instances.healthy).toBe(menu.instances.total);
  });
});

describe('5c. service-to-service balancing: two menu instances behind order-service, over TCP', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);
  let token: string;
  /** Quotes (order-service asks the menu to price every order) one menu instance answered. */
  const quotesOf = (name: 'menu' | 'menu#2') => handledOk(stack, name, MenuPatterns.QUOTE_PIZZAS);
  const place = () => api('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: FAST, instances: { menu: 2 }, metrics: true }).start();
    token = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
  });
  afterAll(() => stack?.stop());

  it("order-service spreads its quotes over both; one SIGKILLed, not one order fails; restarted, it is taken back", async () => {
    const before = [await quotesOf('menu'), await quotesOf('menu#2')];
    for (let i = 0; i < 20; i++) expect((await place()).status).toBe(201);
    const spread = [(await quotesOf('menu')) - before[0], (await quotesOf('menu#2')) - before[1]];
    // Round-robin in order-service's own client: each order's one quote went to one instance.
    expect(spread[0] + spread[1]).toBe(20);
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(5);

    const second = stack.process('menu#2');
    second.signal('SIGKILL');
    await second.exited;
    // A quote is a read: one sent to the dead instance (refused, or cut with the connection) goes to the other.
    const afterKill = [];
    for (let i = 0; i < 20; i++) afterKill.push(await place());
    expect(afterKill.map((r) => `${r.status} ${r.body?.detail ?? ''}`).filter((s) => s !== '201 ')).toEqual([]);

    // Back on the same port: after its rest (OUTLIER_EJECT_MS) order-service sends it quotes again.
    stack.spawn('menu#2');
    await waitFor(async () => {
      expect((await place()).status).toBe(201);
      return (await quotesOf('menu#2').catch(() => 0)) > 0;
    }, { timeoutMs: 15_000, what: 'order-service to quote from the restarted menu instance' });
  });
});

describe.each(['tcp', 'nats'] as const)('5. two order-service instances over %s', (transport) => {
  let stack: Stack;
  let nats: NatsServer | undefined;
  const api = apiClient(() => stack.baseUrl);
  let token: string;
  /** Orders one order instance placed (each create it handled and answered). */
  const createsOf = (name: 'order' | 'order#2') => handledOk(stack, name, OrderPatterns.CREATE_ORDER);

  beforeAll(async () => {
    if (transport === 'nats') nats = await NatsServer.start();
    stack = await new Stack({ transport, natsUrl: nats?.url, env: FAST, instances: { order: 2 }, metrics: true }).start();
    token = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  it('a frozen menu behind both: each order instance answers its own 504 before the deadline; neither is ejected, the breaker stays closed', async () => {
    // Bob's orders: the next case counts Alice's.
    const bob = (await api('POST', '/v1/auth/login', { body: { username: 'bob', password: 'bob-pizza' } })).body.accessToken;
    const place = () => api('POST', '/v1/orders', { token: bob, body: { items: [{ pizzaId: 'marinara', quantity: 1 }] } });
    const menu = stack.process('menu');
    menu.signal('SIGSTOP');
    const replies = await Promise.all(Array.from({ length: 4 }, place));
    const order = (await api('GET', '/health/ready')).body.details?.order;
    menu.signal('SIGCONT');

    for (const r of replies) {
      expect(r.status).toBe(504);
      expect(r.body.detail).toMatch(/^menu did not answer within \d+ ms$/);
    }
    expect(order.breaker).toBe('closed');
    expect(order.instances.healthy).toBe(order.instances.total);
    // Both instances place orders again (each one's menu breaker may have to half-open first).
    await waitFor(async () => {
      for (let i = 0; i < 20; i++) if ((await place()).status !== 201) return false;
      return true;
    }, { timeoutMs: 15_000, what: 'orders placed on both instances again' });
  });

  it('handles 1000 orders exactly once in total, spread over both; when one dies the other carries on', async () => {
    const create = (key?: string) => api('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] }, headers: key ? { 'idempotency-key': key } : {} });
    const ids: string[] = [];
    const before = [await createsOf('order'), await createsOf('order#2')];
    for (let batch = 0; batch < 50; batch++) {
      const res = await Promise.all(Array.from({ length: 20 }, () => create()));
      for (const r of res) {
        expect(r.status).toBe(201);
        ids.push(r.body.id);
      }
    }
    // 1000 orders, each one placed once: by one instance or the other, never both.
    expect(new Set(ids).size).toBe(1000);
    const shares = [(await createsOf('order')) - before[0], (await createsOf('order#2')) - before[1]];
    expect(shares[0] + shares[1]).toBe(1000);
    expect(Math.min(...shares)).toBeGreaterThan(100);

    const second = stack.process('order#2');
    second.signal('SIGKILL');
    await second.exited;
    const t0 = Date.now();
    const after = [];
    for (let i = 0; i < 40; i++) after.push(await create(`after-kill-${i}`));
    // A command that could not be sent (the dead instance refuses the connection) goes to the other
    // instance. One written on the old connection before the gateway read the peer's close may have
    // been handled: without a key it is never sent twice (a 503: the unit tests hold that); these
    // carry an Idempotency-Key, which the order service makes once, so it is resent too and not
    // one is lost over TCP. Over NATS a message delivered to the dead subscriber before the broker
    // noticed is a timeout, which is never retried (it may still be running): at most that one.
    // (Before resending unsent commands, 3 to 5 failed here over TCP; before resending keyed ones, 1.)
    expect(after.filter((r) => r.status !== 201).length).toBeLessThanOrEqual(transport === 'tcp' ? 0 : 1);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('SIGTERM to one instance under load (a rolling restart): it finishes what it took and exits 0; not one order fails', async () => {
    // The instance killed above comes back. Each instance keeps its own orders, so both take
    // requests once two listings share no order (one instance's listings only grow). Two orders per
    // listing: over TCP one round-robin serves every call, so with one the listing would always go
    // to the instance that did not take the order.
    if (!stack.process('order#2').running) stack.spawn('order#2');
    const listings: Array<Set<string>> = [];
    await waitFor(async () => {
      for (let i = 0; i < 2; i++) await api('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
      const ids = new Set(((await api('GET', '/v1/orders', { token })).body as Array<{ id: string }>).map((o) => o.id));
      const fromTheOther = ids.size > 0 && listings.some((seen) => seen.size > 0 && [...ids].every((id) => !seen.has(id)));
      listings.push(ids);
      return fromTheOther;
    }, { timeoutMs: 15_000, what: 'both instances to take requests' });

    let sent = 0;
    const post = () => {
      sent++;
      return fetch(`${stack.baseUrl}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ pizzaId: 'margherita', quantity: 1 }] }),
      });
    };
    const load = startLoad(post, 8);
    // A load balancer's probe of the gateway: a service with an instance left is still served.
    const probes = startLoad(() => fetch(`${stack.baseUrl}/health/ready`), 1);
    await waitFor(() => sent >= 200, { what: 'load on both instances' });
    const second = stack.process('order#2');
    second.signal('SIGTERM');
    const code = await second.exited;
    const afterExit = sent;
    await waitFor(() => sent >= afterExit + 200, { what: 'load after the instance left' });
    const samples = await load.stop();
    const readiness = await probes.stop();

    expect(code).toBe(0);
    expect(samples.filter((s) => s.status !== 201).map((s) => `${s.status} ${s.body ?? s.errorCode}`)).toEqual([]);
    expect(readiness.length).toBeGreaterThan(0);
    expect(readiness.filter((s) => s.status !== 200).map((s) => s.body)).toEqual([]);
  });

  /**
   * order#2 frozen (SIGSTOP) while `callers` place Alice's orders on both instances without pause;
   * `whileHung` checks what the callers see, given when it froze; then it is thawed, and must take
   * orders again, and 99% of what is sent once its held calls are past their deadline succeeds.
   */
  const hungUnderLoad = async (callers: number, whileHung: (load: ReturnType<typeof startLoad>, frozenAt: number) => Promise<void>) => {
    if (!stack.process('order#2').running) stack.spawn('order#2');
    await waitFor(async () => (await stack.healthcheck('order#2')) === 0, { timeoutMs: 30_000, what: 'order#2 to pass its healthcheck' });
    const place = () =>
      fetch(`${stack.baseUrl}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: [{ pizzaId: 'margherita', quantity: 1 }] }),
      });
    const load = startLoad(place, callers);
    await enough(load, () => true, 100, 'orders on both instances');
    const hung = stack.process('order#2');
    hung.signal('SIGSTOP');
    let thawedAt = 0;
    try {
      await whileHung(load, Date.now());
    } catch (err) {
      await load.stop();
      throw err;
    } finally {
      hung.signal('SIGCONT');
      thawedAt = Date.now();
    }
    try {
      const placedByIt = await createsOf('order#2');
      await waitFor(async () => (await createsOf('order#2')) > placedByIt + 20, { timeoutMs: 15_000, what: 'the thawed instance to take orders again' });
      // What it held when it froze is answered late, after its callers gave up; what comes after succeeds.
      await enough(load, (s) => s.startedAt >= thawedAt + RPC_TIMEOUT_MS, 200, 'orders after the thaw');
    } finally {
      const samples = await load.stop();
      expect(ratio(after(samples, thawedAt + RPC_TIMEOUT_MS), (s) => s.status === 201)).toBeGreaterThanOrEqual(0.99);
    }
  };

  if (transport === 'tcp') {
    it('a hung instance is ejected by the gateway (outlier detection) and then costs one trial call per rest, not its share; thawed, it is taken back', () =>
      // Many callers at once: each call sent to the hung instance holds one of them until its deadline.
      hungUnderLoad(16, async (load, frozenAt) => {
        // Past the first deadlines (ejection) and the breaker those failures may open (its sleep and trial).
        const from = frozenAt + RPC_TIMEOUT_MS + Number(FAST.BREAKER_SLEEP_MS) + 2 * RPC_TIMEOUT_MS;
        const windowMs = 5000;
        await enough(load, (s) => s.startedAt >= from + windowMs, 1, 'orders past the measured window');
        const measured = load.samples().filter((s) => s.startedAt >= from && s.startedAt < from + windowMs);
        const failed = measured.filter((s) => s.status !== 201);
        for (const s of failed) {
          expect([503, 504]).toContain(s.status);
          expect(isProblem(s)).toBe(true);
        }
        // One trial per rest, two where a trial outlasts the rest (OUTLIER_EJECT_MS 500 < deadline 1000):
        // at most 2 per rest and deadline. Its share would be every caller held at each re-admission.
        const cycles = Math.ceil(windowMs / (Number(FAST.OUTLIER_EJECT_MS) + RPC_TIMEOUT_MS));
        expect(failed.length).toBeLessThanOrEqual(2 * cycles + 2);
        expect(measured.length).toBeGreaterThan(10 * failed.length);
      }));
  }

  if (transport === 'nats') {
    it("a hung instance fails its own container healthcheck, not passes it on the other's answer (the queue group would pick either)", async () => {
      if (!stack.process('order#2').running) stack.spawn('order#2');
      const hung = stack.process('order#2');
      await waitFor(async () => (await stack.healthcheck('order#2')) === 0, { timeoutMs: 30_000, what: 'order#2 to pass its healthcheck' });
      hung.signal('SIGSTOP');
      try {
        // Each check of the hung instance fails; on the shared subject, half of them would have passed.
        const checks = await Promise.all([stack.healthcheck('order#2'), stack.healthcheck('order#2'), stack.healthcheck('order#2'), stack.healthcheck('order')]);
        expect(checks).toEqual([1, 1, 1, 0]);
      } finally {
        hung.signal('SIGCONT');
      }
      // Frozen long enough, the broker has closed its connection (deploy/nats.conf): it reconnects first.
      await waitFor(async () => (await stack.healthcheck('order#2')) === 0, { timeoutMs: 15_000, what: 'order#2 to pass its healthcheck once thawed' });
    });

    it('a hung instance is dropped by the broker (deploy/nats.conf): orders go on on the other; thawed, it takes its share again', () =>
      hungUnderLoad(4, async (load, frozenAt) => {
        // Every order succeeds again once the broker stops handing the hung instance its share (40 in a row).
        const recoveredAt = await waitFor(() => {
          const since = after(load.samples(), frozenAt);
          const firstOfRun = since.length - 40;
          return firstOfRun >= 0 && since.slice(firstOfRun).every((s) => s.status === 201) ? since[firstOfRun].startedAt : undefined;
        }, { timeoutMs: 20_000, what: '40 orders in a row placed with one instance hung' });
        const frozen = load.samples().filter((s) => s.startedAt >= frozenAt && s.startedAt < recoveredAt);
        // Dropped within 5 s. The gateway's order breaker, opened by the timeouts meanwhile, adds its
        // sleep, twice when its trial call meets the hung instance before the drop (5 to 8 s measured).
        expect(recoveredAt - frozenAt).toBeLessThan(5000 + 2 * (Number(FAST.BREAKER_SLEEP_MS) + RPC_TIMEOUT_MS) + 1000);
        // Meanwhile the orders the hung instance was handed failed as problems (504 at the deadline, 503 from the breaker), none hung.
        expect(frozen.some((s) => s.status === 504)).toBe(true);
        for (const s of frozen.filter((x) => x.status !== 201)) {
          expect([503, 504]).toContain(s.status);
          expect(isProblem(s)).toBe(true);
          expect(s.elapsedMs).toBeLessThan(RPC_TIMEOUT_MS + 1000);
        }
        const countedFrom = Date.now();
        const before = await createsOf('order');
        await enough(load, (s) => s.startedAt >= countedFrom, 100, 'orders with one instance dropped');
        expect(after(load.samples(), recoveredAt).filter((s) => s.status !== 201).map((s) => `${s.status} ${s.body ?? s.errorCode}`)).toEqual([]);
        // They were all placed by the instance that answers.
        expect((await createsOf('order')) - before).toBeGreaterThanOrEqual(100);
      }));

    it('4. NATS stopped for 10 s under load: fast failures, then recovery without restarting anything', async () => {
      const load = startLoad(() => fetch(`${stack.baseUrl}/v1/orders`, { headers: { authorization: `Bearer ${token}` } }), 4);
      await enough(load, () => true, 20, 'answers before NATS stops');
      await nats?.pause();
      const downAt = Date.now();
      // The outage the scenario prescribes: a span of time, not a wait for something.
      await new Promise((r) => setTimeout(r, 10_000));
      await nats?.resume();
      const upAt = Date.now();
      await waitFor(async () => (await api('GET', '/v1/orders', { token })).status === 200, { timeoutMs: 10_000, what: 'recovery after NATS restart' });
      const recoveredAt = Date.now();
      await enough(load, (s) => s.startedAt >= recoveredAt, 200, 'answers after recovery');
      const samples = await load.stop();

      const during = samples.filter((s) => s.startedAt >= downAt + 200 && s.startedAt < upAt);
      expect(during.length).toBeGreaterThan(4);
      for (const s of during) {
        expect([503, 504]).toContain(s.status);
        expect(s.elapsedMs).toBeLessThan(RPC_TIMEOUT_MS + 1000);
      }
      expect(recoveredAt - upAt).toBeLessThan(10_000);
      expect(ratio(after(samples, recoveredAt), (s) => s.status === 200)).toBeGreaterThanOrEqual(0.99);
    });
  }
});

describe('4b. a stack started before its NATS (NATS mode)', () => {
  let nats: NatsServer;
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    nats = await NatsServer.start();
    // Its port is known, and nothing listens on it yet.
    await nats.pause();
    stack = await new Stack({ transport: 'nats', natsUrl: nats.url, env: FAST }).launch();
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  it('the gateway boots (live, not ready, calls fail as problems within their deadline) and recovers when NATS comes up, nothing restarted', async () => {
    await waitFor(async () => (await api('GET', '/health/live')).status === 200, { timeoutMs: 20_000, what: 'the gateway to serve /health/live without NATS' });
    const ready = await api('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.nats).toMatchObject({ status: 'down' });

    const t0 = Date.now();
    const menu = await api('GET', '/v1/menu');
    expect([503, 504]).toContain(menu.status);
    expect(menu.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - t0).toBeLessThan(RPC_TIMEOUT_MS + 1000);

    const pids = [...stack.processes.values()].map((p) => p.pid);
    await nats.resume();
    const upAt = Date.now();
    await stack.waitReady();
    expect(Date.now() - upAt).toBeLessThan(10_000);
    expect((await api('GET', '/health/ready')).body.details.nats).toMatchObject({ status: 'up' });
    const token = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
    const order = await api('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    expect(order.status).toBe(201);
    expect((await api('GET', `/v1/orders/${order.body.id}`, { token })).status).toBe(200);
    expect([...stack.processes.values()].map((p) => p.pid)).toEqual(pids);
    expect([...stack.processes.values()].every((p) => p.running)).toBe(true);
  });
});
