import { apiClient, NatsServer, RedisServer, Stack, waitFor } from '@pizza/testing';

/** Below the gateway's ping deadline (1 s): a hung store is named in readiness, not mistaken for a hung service. */
const DATA_REDIS_TIMEOUT_MS = 300;

/**
 * Readiness once every service shows its store down (each notices on its own, and a round of pings
 * serves readiness for a second: the first 503 may name only some of them), within the deadline.
 */
const allServicesDown = (api: ReturnType<typeof apiClient>, what: string) =>
  waitFor(
    async () => {
      const ready = await api('GET', '/health/ready');
      return ready.status === 503 && Object.keys(ready.body.error ?? {}).length === 4 && ready;
    },
    { timeoutMs: 10_000, what },
  );

/**
 * Two instances of every service, their data in one real Redis (DATA_REDIS_URL). Over TCP the
 * gateway and order-service balance round-robin, so consecutive calls alternate instances; over
 * NATS the queue group picks one at random. Each instance serves what the other made, as a client
 * of one service expects of any.
 */
describe.each(['tcp', 'nats'] as const)('two instances of every service sharing their data in Redis (DATA_REDIS_URL), over %s', (transport) => {
  let nats: NatsServer | undefined;
  let redis: RedisServer;
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);
  let alice: string;
  let chef: string;
  const login = async (username: string) => (await api('POST', '/v1/auth/login', { body: { username, password: `${username}-pizza` } })).body.accessToken as string;

  beforeAll(async () => {
    if (transport === 'nats') nats = await NatsServer.start();
    redis = await RedisServer.start();
    stack = await new Stack({ transport, natsUrl: nats?.url, env: { DATA_REDIS_URL: redis.url, DATA_REDIS_TIMEOUT_MS: String(DATA_REDIS_TIMEOUT_MS) }, instances: { menu: 2, order: 2, kitchen: 2, billing: 2 } }).start();
    [alice, chef] = [await login('alice'), await login('chef')];
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await nats?.stop();
  });

  it('serves an order, its payment and its ticket from either instance, and takes each step on either: never a 404 for what the other made', async () => {
    const placed = await api('POST', '/v1/orders', { token: alice, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    // Six reads: over TCP three on each order instance (and on each billing and kitchen instance, for the view's parts).
    for (let i = 0; i < 6; i++) {
      const read = await api('GET', `/v1/orders/${id}`, { token: alice });
      expect([read.status, read.body.order?.id, read.body.errors]).toEqual([200, id, []]);
      expect((await api('GET', '/v1/orders', { token: alice })).body.map((o: { id: string }) => o.id)).toContain(id);
    }
    expect((await api('POST', `/v1/orders/${id}/payment`, { token: alice, body: { cardToken: 'tok_visa' } })).status).toBe(200);
    // Paid on one billing instance; seen as paid on both, and queued by whichever kitchen instance took the event.
    await waitFor(async () => (await api('GET', `/v1/orders/${id}`, { token: alice })).body.kitchen?.status === 'queued', { what: 'the ticket to be queued' });
    for (let i = 0; i < 4; i++) {
      const view = (await api('GET', `/v1/orders/${id}`, { token: alice })).body;
      expect([view.order.status, view.payment.status, view.kitchen.status]).toEqual(['paid', 'succeeded', 'queued']);
      expect((await api('GET', '/v1/kitchen/tickets', { token: chef })).body.map((t: { orderId: string }) => t.orderId)).toContain(id);
    }
    // A second payment, on the other instance, is refused: the order was paid once.
    expect((await api('POST', `/v1/orders/${id}/payment`, { token: alice, body: { cardToken: 'tok_visa' } })).status).toBe(409);

    // The chef's steps alternate kitchen instances; each finds the ticket where the other left it.
    const ticketId = (await api('GET', `/v1/orders/${id}`, { token: alice })).body.kitchen.ticketId as string;
    for (const status of ['preparing', 'baking', 'ready']) {
      const step = await api('POST', `/v1/kitchen/tickets/${ticketId}/advance`, { token: chef });
      expect([step.status, step.body.status]).toEqual([200, status]);
      // Listed under its new status only, on both instances; the order follows (on both order instances).
      for (let i = 0; i < 2; i++) {
        const ids = async (filter: string) => (await api('GET', `/v1/kitchen/tickets?status=${filter}`, { token: chef })).body.map((t: { id: string }) => t.id);
        expect(await ids(status)).toContain(ticketId);
        expect(await ids('queued')).not.toContain(ticketId);
      }
      await waitFor(async () => {
        const reads = [await api('GET', `/v1/orders/${id}`, { token: alice }), await api('GET', `/v1/orders/${id}`, { token: alice })];
        return reads.every((r) => r.body.order.status === status);
      }, { what: `the order to read ${status} on both instances` });
    }
    expect((await api('POST', `/v1/kitchen/tickets/${ticketId}/advance`, { token: chef })).status).toBe(409);
  });

  it('cancels a paid order on either instance: refunded and its ticket dropped, as read on both; a second cancel changes nothing', async () => {
    const placed = await api('POST', '/v1/orders', { token: alice, body: { items: [{ pizzaId: 'diavola', quantity: 1 }] } });
    const id = placed.body.id as string;
    expect((await api('POST', `/v1/orders/${id}/payment`, { token: alice, body: { cardToken: 'tok_visa' } })).status).toBe(200);
    await waitFor(async () => (await api('GET', `/v1/orders/${id}`, { token: alice })).body.kitchen?.status === 'queued', { what: 'the ticket to be queued' });
    expect((await api('POST', `/v1/orders/${id}/cancel`, { token: alice })).status).toBe(200);
    await waitFor(async () => {
      const reads = [await api('GET', `/v1/orders/${id}`, { token: alice }), await api('GET', `/v1/orders/${id}`, { token: alice })];
      return reads.every((r) => r.body.order.status === 'cancelled' && r.body.payment?.status === 'refunded' && r.body.kitchen?.status === 'cancelled');
    }, { what: 'the order cancelled, refunded and its ticket dropped, on both instances' });
    // A second cancel, on the other instance, changes nothing.
    expect((await api('POST', `/v1/orders/${id}/cancel`, { token: alice })).status).toBe(200);
    expect((await api('GET', `/v1/orders/${id}`, { token: alice })).body.payment).toEqual({ status: 'refunded', amountCents: placed.body.totalCents });
  });

  it('prices every order at the menu changed on one instance, whichever menu instance quotes it', async () => {
    expect((await api('PATCH', '/v1/menu/funghi', { token: chef, body: { priceCents: 1234 } })).status).toBe(200);
    const prices = [];
    for (let i = 0; i < 4; i++) {
      const placed = await api('POST', '/v1/orders', { token: alice, body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } });
      prices.push(placed.body.items?.[0]?.unitPriceCents);
    }
    expect(prices).toEqual([1234, 1234, 1234, 1234]);
  });

  it('with its Redis hung (frozen, its connections open), a service is not ready and answers 503 within its store deadline; it recovers when Redis thaws', async () => {
    redis.signal('SIGSTOP');
    try {
      const ready = (await allServicesDown(api, 'readiness to see the data store hung in every service')).body;
      expect(Object.keys(ready.error).sort()).toEqual(['billing', 'kitchen', 'menu', 'order']);
      const t0 = Date.now();
      const read = await api('GET', '/v1/orders', { token: alice });
      expect(read.status).toBe(503);
      expect(read.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(Date.now() - t0).toBeLessThan(DATA_REDIS_TIMEOUT_MS + 1000);
    } finally {
      redis.signal('SIGCONT');
    }
    await waitFor(async () => (await api('GET', '/health/ready')).status === 200, { timeoutMs: 15_000, what: 'readiness once Redis thaws' });
    expect((await api('GET', '/v1/orders', { token: alice })).status).toBe(200);
  });

  it('with its Redis down, a service is not ready and answers 503 problems at once; it recovers when Redis is back', async () => {
    await redis.pause();
    const ready = (await allServicesDown(api, 'readiness to see the data store down in every service')).body;
    expect(Object.keys(ready.error).sort()).toEqual(['billing', 'kitchen', 'menu', 'order']);
    expect(ready.error.order.code).toBe('UPSTREAM_UNAVAILABLE');
    const t0 = Date.now();
    const read = await api('GET', '/v1/orders', { token: alice });
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(read.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', detail: 'The orders cannot be reached right now; retry later' });
    expect(Date.now() - t0).toBeLessThan(2000);

    // This Redis keeps nothing on disk: it comes back empty, and the menu is written again.
    await redis.resume();
    await waitFor(async () => (await api('GET', '/health/ready')).status === 200, { timeoutMs: 15_000, what: 'readiness once Redis is back' });
    const placed = await api('POST', '/v1/orders', { token: alice, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    expect(placed.status).toBe(201);
    expect((await api('GET', `/v1/orders/${placed.body.id}`, { token: alice })).status).toBe(200);
    expect((await api('GET', `/v1/orders/${placed.body.id}`, { token: alice })).status).toBe(200);
  });
});

describe("an event whose receiver's data store is down for a moment (the kitchen on a Redis of its own), over TCP", () => {
  let shared: RedisServer;
  let kitchens: RedisServer;
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    [shared, kitchens] = [await RedisServer.start(), await RedisServer.start()];
    stack = await new Stack({ transport: 'tcp', env: { DATA_REDIS_URL: shared.url }, envOf: { kitchen: { DATA_REDIS_URL: kitchens.url } } }).start();
  });
  afterAll(async () => {
    await stack?.stop();
    await shared?.stop();
    await kitchens?.stop();
  });

  it('is tried again until the store is back: a payment made meanwhile still reaches the kitchen, once', async () => {
    const alice = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
    const placed = await api('POST', '/v1/orders', { token: alice, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    await kitchens.pause();
    // The kitchen takes payment.succeeded at once, and cannot write its ticket.
    expect((await api('POST', `/v1/orders/${placed.body.id}/payment`, { token: alice, body: { cardToken: 'tok_visa' } })).status).toBe(200);
    await waitFor(async () => (await api('GET', '/health/ready')).body.error?.kitchen !== undefined, { what: 'readiness to see the kitchen without its store' });
    await kitchens.resume();
    const view = await waitFor(
      async () => {
        const r = await api('GET', `/v1/orders/${placed.body.id}`, { token: alice });
        return r.body.kitchen?.status === 'queued' && r;
      },
      { timeoutMs: 20_000, what: 'the ticket to be queued once the store is back' },
    );
    expect(view.body.order.status).toBe('paid');
    const chef = (await api('POST', '/v1/auth/login', { body: { username: 'chef', password: 'chef-pizza' } })).body.accessToken;
    const tickets = (await api('GET', '/v1/kitchen/tickets', { token: chef })).body as Array<{ orderId: string }>;
    expect(tickets.filter((t) => t.orderId === placed.body.id)).toHaveLength(1);
  });
});
