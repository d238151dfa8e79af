import { apiClient, RedisServer, Stack, waitFor, type ApiResponse } from '@pizza/testing';

const REDIS_TIMEOUT_MS = 200;

/** Two gateway instances sharing a real Redis agree on Idempotency-Keys and share one response cache. */
describe('two gateways sharing Redis', () => {
  let redis: RedisServer;
  let stack: Stack;
  let second = '';
  const a = apiClient(() => stack.baseUrl);
  const b = apiClient(() => second);
  let token: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    stack = await new Stack({ transport: 'tcp', env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS) } }).start();
    second = await stack.addGateway();
    token = (await a('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body.accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  const order = { items: [{ pizzaId: 'margherita', quantity: 1 }] };

  it('replays on gateway B the order created with the same key on gateway A', async () => {
    // Both gateways must accept the token: they share JWT_SECRET.
    const first = await a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-1' } });
    expect(first.status).toBe(201);
    const replay = await b('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-1' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    // Where the order lives, on the first answer and on its replay.
    expect(first.headers.get('location')).toBe(`/v1/orders/${first.body.id}`);
    expect(replay.headers.get('location')).toBe(`/v1/orders/${first.body.id}`);
  });

  it('lets exactly one of two concurrent requests on different gateways create the order', async () => {
    const before = (await a('GET', '/v1/orders?limit=100', { token })).body.length;
    const results = await Promise.all([
      a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-2' } }),
      b('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-2' } }),
    ]);
    const fresh = results.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect((await a('GET', '/v1/orders?limit=100', { token })).body.length).toBe(before + 1);
  });

  it('shares one response cache: a PATCH on gateway A is what gateway B serves next', async () => {
    const chef = (await a('POST', '/v1/auth/login', { body: { username: 'chef', password: 'chef-pizza' } })).body.accessToken;
    await b('GET', '/v1/menu/capricciosa');
    expect((await a('GET', '/v1/menu/capricciosa')).headers.get('x-cache')).toBe('HIT'); // B's miss filled the shared cache
    // Later hits skip the pipeline (HttpCache answers them) and read the same shared entry.
    const again = await a('GET', '/v1/menu/capricciosa');
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.body).toMatchObject({ id: 'capricciosa', priceCents: expect.any(Number) });
    expect((await a('PATCH', '/v1/menu/capricciosa', { token: chef, body: { priceCents: 1444 } })).status).toBe(200);
    const t0 = Date.now();
    await waitFor(async () => (await b('GET', '/v1/menu/capricciosa')).body.priceCents === 1444, { timeoutMs: 1000, intervalMs: 20, what: 'gateway B to serve the new price' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses keyed requests with 503 while Redis is down, serves the rest, is not ready, and recovers', async () => {
    expect((await a('GET', '/health/ready')).body.details.redis).toMatchObject({ status: 'up' });
    await redis.pause();
    const keyed = await a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-3' } });
    expect(keyed.status).toBe(503);
    expect(keyed.headers.get('content-type')).toContain('application/problem+json');
    expect((await a('POST', '/v1/orders', { token, body: order })).status).toBe(201);
    // Readiness names Redis, and only Redis: the services are fine.
    for (const ready of [await a('GET', '/health/ready'), await b('GET', '/health/ready')]) {
      expect(ready.status).toBe(503);
      expect(Object.keys(ready.body.error)).toEqual(['redis']);
    }
    await redis.resume();
    await waitFor(async () => (await a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-4' } })).status === 201, {
      timeoutMs: 10_000,
      what: 'Redis to be used again',
    });
    await waitFor(async () => (await a('GET', '/health/ready')).status === 200, { timeoutMs: 10_000, what: 'readiness once Redis is back' });
  });

  it('stops waiting on a hung Redis (frozen, its connections open): reads answer without it, keyed requests get a quick 503, and it is used again once it thaws', async () => {
    const timed = async (call: () => Promise<ApiResponse>) => {
      const started = Date.now();
      const res = await call();
      return { status: res.status, body: res.body, ms: Date.now() - started };
    };
    const read = () => timed(() => a('GET', '/v1/menu/margherita'));
    expect((await read()).status).toBe(200);
    redis.signal('SIGSTOP');
    try {
      // The first reads each wait out REDIS_TIMEOUT_MS (200) on the rate limit and the cache; those misses open the breakers.
      await waitFor(async () => (await read()).ms < REDIS_TIMEOUT_MS, { timeoutMs: 10_000, what: 'reads to stop waiting on the frozen Redis' });
      const reads = [];
      const started = Date.now();
      for (let i = 0; i < 20; i++) reads.push(await read());
      expect(reads.map((r) => r.status)).toEqual(Array(20).fill(200));
      // Only a trial call, which checks whether Redis answers again, waits its deadline: one a second
      // for each of the two breakers (the shared connection's, the cache's). Without them, all 20 waited.
      const trials = 2 * Math.ceil((Date.now() - started) / 1000);
      expect(reads.filter((r) => r.ms >= REDIS_TIMEOUT_MS).length).toBeLessThanOrEqual(trials);
      const keyed = await timed(() => a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-hung-1' } }));
      expect(keyed.status).toBe(503);
      expect(keyed.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(keyed.body.detail).toBe('Idempotency keys cannot be checked right now; retry later');
    } finally {
      redis.signal('SIGCONT');
    }
    await waitFor(async () => (await a('POST', '/v1/orders', { token, body: order, headers: { 'idempotency-key': 'shared-hung-2' } })).status === 201, {
      timeoutMs: 10_000,
      what: 'Redis to be used again once it thaws',
    });
  });

  // Last: it kills gateway A.
  it('does not keep a key locked for long by a gateway that died holding it: the retry on gateway B gets the order the first made', async () => {
    const before = (await b('GET', '/v1/orders?limit=100', { token })).body.length;
    const keyed = { token, body: order, headers: { 'idempotency-key': 'shared-5' } };
    const orderService = stack.process('order');
    orderService.signal('SIGSTOP');
    // Two at once on A: one holds the key (and waits on the frozen order-service), the other is
    // turned away at once as a duplicate in flight.
    const onA = [a('POST', '/v1/orders', keyed), a('POST', '/v1/orders', keyed)].map((p) => p.catch((err: unknown) => err));
    expect(((await Promise.race(onA)) as { status?: number }).status).toBe(409);
    const gatewayA = stack.process('gateway');
    gatewayA.signal('SIGKILL');
    await gatewayA.exited;
    const diedAt = Date.now();
    await Promise.all(onA);
    // Its request reached order-service, which makes the order once it runs again.
    orderService.signal('SIGCONT');

    const retry = await waitFor(
      async () => {
        const res = await b('POST', '/v1/orders', keyed);
        return res.status !== 409 && res;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'the key to be free again' },
    );
    // Held no longer than A's request could have run: its deadline (RPC_TIMEOUT_MS, 3000) and a margin.
    expect(Date.now() - diedAt).toBeLessThan(3000 + 3000);
    expect(retry.status).toBe(201);
    const after = (await b('GET', '/v1/orders?limit=100', { token })).body as Array<{ id: string }>;
    expect(after.length).toBe(before + 1);
    expect(after.map((o) => o.id)).toContain(retry.body.id);
  });
});
