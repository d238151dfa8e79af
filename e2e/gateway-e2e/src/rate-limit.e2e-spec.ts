import { apiClient, RedisServer, Stack } from '@pizza/testing';

/**
 * Rate limits against the real stack: memory on one gateway, and one global limit
 * across two gateways sharing a real Redis.
 */
const LIMITS = { RATE_LIMITS: 'burst=30/2s', RATE_LIMIT_LOGIN: '5/1m', RATE_LIMIT_ORDERS: '3/1m' };

describe('rate limits (memory, one gateway)', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { ...LIMITS, TRUST_PROXY_HOPS: '0' } }).start();
  });
  afterAll(() => stack?.stop());

  it('answers 429 problem+json with Retry-After past the limit, and IETF headers on every response', async () => {
    const results = [];
    for (let i = 0; i < 35; i++) results.push(await api('GET', '/v1/menu', { headers: { 'x-forwarded-for': `198.51.100.${i}` } }));
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    // X-Forwarded-For rotation does not help without trusted proxies.
    expect(ok.length).toBeLessThanOrEqual(30);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(ok[0].headers.get('ratelimit-policy')).toBe('"burst";q=30;w=2');
    expect(ok[0].headers.get('ratelimit')).toMatch(/^"burst";r=\d+;t=\d+$/);
    expect(ok[0].headers.get('x-ratelimit-limit')).toBe('30');
    expect(limited[0].headers.get('content-type')).toContain('application/problem+json');
    expect(limited[0].body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('never limits health probes', async () => {
    for (let i = 0; i < 40; i++) expect((await api('GET', '/health/live')).status).toBe(200);
  });

});

describe('rate limits (Redis, two gateways)', () => {
  let redis: RedisServer;
  let stack: Stack;
  let second = '';
  const a = apiClient(() => stack.baseUrl);
  const b = apiClient(() => second);

  beforeAll(async () => {
    redis = await RedisServer.start();
    stack = await new Stack({ transport: 'tcp', env: { ...LIMITS, RATE_LIMITS: 'burst=40/30s', REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '500', TRUST_PROXY_HOPS: '1' } }).start();
    second = await stack.addGateway();
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('enforces one global limit across both instances (3x the limit spread over both)', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.10' };
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b)('GET', '/v1/menu', { headers: ip })));
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeLessThanOrEqual(Math.floor(40 * 1.05));
    expect(ok).toBeGreaterThanOrEqual(35);
    expect(results.filter((r) => r.status === 429).every((r) => Number(r.headers.get('retry-after')) >= 1)).toBe(true);
  });

  it('admits at most the limit out of 1000 concurrent requests on one key', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.11' };
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => (i % 2 ? a : b)('GET', '/v1/menu', { headers: ip })));
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBeLessThanOrEqual(40);
    expect(ok).toBeGreaterThan(0);
  });

  it('keys a client by the address the trusted proxy saw: rotating its own X-Forwarded-For entries does not help', async () => {
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await a('GET', '/v1/menu', { headers: { 'x-forwarded-for': `10.${i}.0.1, 203.0.113.12` } }));
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(40);
  });

  it('counts an IPv6 client by its network: a new address of its /56 for every request does not help', async () => {
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await a('GET', '/v1/menu', { headers: { 'x-forwarded-for': `2001:db8:5:${i.toString(16)}::${(i + 1).toString(16)}` } }));
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(40);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(10);
    // Another network is another client.
    expect((await b('GET', '/v1/menu', { headers: { 'x-forwarded-for': '2001:db8:6::1' } })).status).toBe(200);
  });

  it('stops a login brute force (per IP and per username) while another user still logs in', async () => {
    const guess = (username: string, ip: string, i: number) =>
      a('POST', '/v1/auth/login', { body: { username, password: `guess-${i}` }, headers: { 'x-forwarded-for': ip } });
    const attempts = [];
    for (let i = 0; i < 7; i++) attempts.push(await guess('alice', '203.0.113.20', i));
    expect(attempts.slice(0, 5).every((r) => r.status === 401)).toBe(true);
    expect(attempts.slice(5).every((r) => r.status === 429)).toBe(true);
    // Guessing alice's password from another address is still stopped: her username is limited too.
    expect((await guess('alice', '203.0.113.21', 9)).status).toBe(429);
    // Bob, elsewhere, is not affected.
    const bob = await b('POST', '/v1/auth/login', { body: { username: 'bob', password: 'bob-pizza' }, headers: { 'x-forwarded-for': '203.0.113.22' } });
    expect(bob.status).toBe(200);
  });

  it('limits order creation per user', async () => {
    const token = (await a('POST', '/v1/auth/login', { body: { username: 'bob', password: 'bob-pizza' }, headers: { 'x-forwarded-for': '203.0.113.30' } })).body.accessToken;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await (i % 2 ? a : b)('POST', '/v1/orders', { token, body: { items: [{ pizzaId: 'funghi', quantity: 1 }] }, headers: { 'x-forwarded-for': `203.0.113.${40 + i}` } })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('fails open, promptly, while Redis is down (the documented default)', async () => {
    await redis.pause();
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => a('GET', '/v1/menu', { headers: { 'x-forwarded-for': '203.0.113.13' } })));
    // Each request meets at most three Redis deadlines (limiter, cache read, cache write) of 500 ms.
    expect(Date.now() - t0).toBeLessThan(3 * 500 + 1000);
    expect(results.every((r) => r.status === 200)).toBe(true);
    await redis.resume();
  });
});
