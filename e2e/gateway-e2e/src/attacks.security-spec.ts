import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { OrderPatterns } from '@pizza/contracts-order';
import { apiClient, rawExchange, RedisServer, scrapeMetrics, Stack } from '@pizza/testing';
import { firstValueFrom, timeout } from 'rxjs';

/**
 * The attack suite: each case attacks the running stack (real processes, real
 * Redis) the way the OWASP API Security Top 10 (2023) says attackers do, and
 * checks the attack fails. docs/security.md maps every case to its OWASP item.
 */
const SECRET = 'attack-suite-secret-that-is-long-enough-0123456789';
const SHOP = 'https://shop.example';
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A JWT with any header, claims and key we like: what an attacker can send. */
function forge(claims: Record<string, unknown>, { alg = 'HS256', key = SECRET }: { alg?: string; key?: string } = {}): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}
// Short, so that the slow-client case is quick; far above what receiving a request takes here.
const CLIENT_TIMEOUT_MS = 2000;
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'alice', roles: ['customer'], iss: 'pizza-gateway', aud: 'pizza-api', iat: now(), exp: now() + 600, ...extra });

describe('attack suite', () => {
  let redis: RedisServer;
  let stack: Stack;
  let second = '';
  const api = apiClient(() => stack.baseUrl);
  const other = apiClient(() => second);
  const login = async (username: string) => (await api('POST', '/v1/auth/login', { body: { username, password: `${username}-pizza` } })).body;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    redis = await RedisServer.start();
    stack = await new Stack({ transport: 'tcp', env: { JWT_SECRET: SECRET, REDIS_URL: redis.url, CORS_ORIGINS: SHOP, LOG_LEVEL: 'log', CLIENT_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS) }, metrics: true }).start();
    second = await stack.addGateway();
    for (const user of ['alice', 'bob', 'chef', 'admin']) tokens[user] = (await login(user)).accessToken;
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  describe('API2 broken authentication: forged and stale access tokens are 401', () => {
    const cases: Array<[string, () => string]> = [
      ['a genuine token (control)', () => forge(claims())],
      ['alg none', () => forge(claims(), { alg: 'none' })],
      ['HS256 signed with another key', () => forge(claims(), { key: 'another-key-another-key-another-key!!' })],
      ['a wrong issuer', () => forge(claims({ iss: 'evil-issuer' }))],
      ['a wrong audience', () => forge(claims({ aud: 'another-api' }))],
      ['an expired token', () => forge(claims({ iat: now() - 7200, exp: now() - 3600 }))],
      ['no exp', () => forge(claims({ exp: undefined }))],
      [
        'a tampered payload (customer turned admin, signature kept)',
        () => {
          const [h, , sig] = tokens['alice'].split('.');
          return `${h}.${b64({ ...JSON.parse(Buffer.from(tokens['alice'].split('.')[1], 'base64url').toString()), roles: ['admin'] })}.${sig}`;
        },
      ],
    ];
    it.each(cases)('%s', async (name, token) => {
      const res = await api('GET', '/v1/orders', { token: token() });
      if (name.includes('control')) return expect(res.status).toBe(200);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="pizza-gateway", error="invalid_token"');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh token works once and yields a working pair', async () => {
      const first = await login('alice');
      const next = await api('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
      expect(next.status).toBe(200);
      expect(next.body.refreshToken).not.toBe(first.refreshToken);
      expect((await api('GET', '/v1/orders', { token: next.body.accessToken })).status).toBe(200);
    });

    it('revokes the whole family when an old refresh token is replayed (on any instance)', async () => {
      const stolen = (await login('alice')).refreshToken;
      const legit = (await api('POST', '/v1/auth/refresh', { body: { refreshToken: stolen } })).body.refreshToken;
      // The thief replays the spent token on the other gateway instance.
      const replay = await other('POST', '/v1/auth/refresh', { body: { refreshToken: stolen } });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
      // The family is gone: the user's newer token no longer refreshes either.
      expect((await api('POST', '/v1/auth/refresh', { body: { refreshToken: legit } })).status).toBe(401);
      expect(stack.process('gateway#2').logs()).toMatch(/auth\.refresh\.reused/);
    });

    it('logout revokes, and a made-up token is 401', async () => {
      const { refreshToken } = await login('bob');
      expect((await api('POST', '/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
      expect((await other('POST', '/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
      expect((await api('POST', '/v1/auth/refresh', { body: { refreshToken: 'rt_' + 'A'.repeat(43) } })).status).toBe(401);
    });
  });

  describe('API keys (machine clients)', () => {
    const create = (body: unknown, token = tokens['admin']) => api('POST', '/v1/admin/api-keys', { token, body });

    it('are created by admins only, shown once, and listed without their secret', async () => {
      expect((await create({ name: 'pos-1', role: 'customer', scopes: ['orders:read'] }, tokens['alice'])).status).toBe(403);
      expect((await create({ name: 'pos-1', role: 'customer', scopes: ['orders:read'] }, tokens['chef'])).status).toBe(403);
      const created = await create({ name: 'pos-1', role: 'customer', scopes: ['orders:read'] });
      expect(created.status).toBe(201);
      expect(created.body.key).toMatch(/^pzk_/);
      const list = await api('GET', '/v1/admin/api-keys', { token: tokens['admin'] });
      expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
      expect(list.text).not.toContain(created.body.key.split('.')[1]);
      expect(stack.process('gateway').logs()).toMatch(/admin\.api_key\.created/);
    });

    it('work on the same routes under the same guards: a missing scope is 403', async () => {
      const { key } = (await create({ name: 'reader', role: 'customer', scopes: ['orders:read'] })).body;
      expect((await api('GET', '/v1/orders', { headers: { 'x-api-key': key } })).status).toBe(200);
      const write = await api('POST', '/v1/orders', { headers: { 'x-api-key': key }, body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } });
      expect(write.status).toBe(403);
      expect(write.body.code).toBe('AUTH.INSUFFICIENT_SCOPE');
      // Keys never reach admin routes, whatever they were granted.
      expect((await api('GET', '/v1/admin/api-keys', { headers: { 'x-api-key': key } })).status).toBe(403);
    });

    it('cannot be granted scopes beyond their role, nor the admin role', async () => {
      expect((await create({ name: 'x', role: 'customer', scopes: ['kitchen:write'] })).status).toBe(400);
      expect((await create({ name: 'x', role: 'admin', scopes: ['orders:read'] })).status).toBe(400);
      expect((await create({ name: 'x', role: 'staff', scopes: ['api-keys:manage'] })).status).toBe(400);
    });

    it('stop working at once when revoked, on every gateway instance', async () => {
      const { id, key } = (await create({ name: 'to-revoke', role: 'customer', scopes: ['orders:read'] })).body;
      expect((await other('GET', '/v1/orders', { headers: { 'x-api-key': key } })).status).toBe(200);
      expect((await api('DELETE', `/v1/admin/api-keys/${id}`, { token: tokens['admin'] })).status).toBe(204);
      const after = await other('GET', '/v1/orders', { headers: { 'x-api-key': key } });
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('AUTH.INVALID_API_KEY');
      expect(stack.process('gateway#2').logs()).toMatch(/auth\.api_key\.rejected/);
    });

    it('refuses a made-up key', async () => {
      expect((await api('GET', '/v1/orders', { headers: { 'x-api-key': 'pzk_0123456789abcdef.' + 'A'.repeat(43) } })).status).toBe(401);
    });
  });

  describe('API5 broken function level authorization', () => {
    it('keeps a customer off staff and admin routes: 403, also via HEAD', async () => {
      const token = tokens['alice'];
      expect((await api('GET', '/v1/kitchen/tickets', { token })).status).toBe(403);
      expect((await api('HEAD', '/v1/kitchen/tickets', { token })).status).toBe(403);
      expect((await api('PATCH', '/v1/menu/funghi', { token, body: { priceCents: 1 } })).status).toBe(403);
      expect((await api('GET', '/v1/admin/api-keys', { token })).status).toBe(403);
    });

    it('ignores method-override headers: a POST never becomes a PATCH', async () => {
      const before = (await api('GET', '/v1/menu/funghi')).body.priceCents;
      for (const header of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
        const res = await api('POST', '/v1/menu/funghi', { token: tokens['alice'], headers: { [header]: 'PATCH' }, body: { priceCents: 1 } });
        // The route has no POST: 405, and the override is not taken as the method.
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).not.toContain('POST');
      }
      expect((await api('GET', '/v1/menu/funghi')).body.priceCents).toBe(before);
    });

    it('with CORS on, a path nothing routes is still 404: the preflight route (OPTIONS *) does not make every path known', async () => {
      const unknown = await api('GET', '/v1/admin/secrets');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('allow')).toBeNull();
      const wrong = await api('DELETE', '/v1/menu');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    });
  });

  describe('API1 broken object level authorization', () => {
    it("hides alice's order from bob on read, pay and cancel (404), and nothing changes", async () => {
      const order = (await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } })).body;
      const bob = tokens['bob'];
      expect((await api('GET', `/v1/orders/${order.id}`, { token: bob })).status).toBe(404);
      expect((await api('POST', `/v1/orders/${order.id}/payment`, { token: bob, body: { cardToken: 'tok_visa' } })).status).toBe(404);
      expect((await api('POST', `/v1/orders/${order.id}/cancel`, { token: bob })).status).toBe(404);
      const mine = await api('GET', `/v1/orders/${order.id}`, { token: tokens['alice'] });
      expect(mine.body.order.status).toBe('awaiting_payment');
      expect(mine.body.payment).toMatchObject({ status: 'pending' });
    });
  });

  describe('API3 mass assignment', () => {
    it.each([{ totalCents: 1 }, { status: 'paid' }, { customerId: 'bob' }])('refuses %j in an order body with 400, and creates nothing', async (extra) => {
      const before = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length;
      const res = await api('POST', '/v1/orders', { token: tokens['bob'], body: { items: [{ pizzaId: 'funghi', quantity: 1 }], ...extra } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect((await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length).toBe(before);
    });

    it('refuses a menu change that tries to rename or re-id a pizza', async () => {
      const res = await api('PATCH', '/v1/menu/funghi', { token: tokens['chef'], body: { priceCents: 1200, id: 'free-pizza' } });
      expect(res.status).toBe(400);
    });
  });

  describe('API4 unrestricted resource consumption and malformed input', () => {
    it('answers a 101 kB body with 413 problem+json, creating nothing', async () => {
      const before = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length;
      const res = await api('POST', '/v1/orders', { token: tokens['bob'], rawBody: JSON.stringify({ items: [], pad: 'x'.repeat(101 * 1024) }), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length).toBe(before);
    });

    it.each([
      ['10k-deep JSON', '{"items":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', 'JSON_TOO_DEEP'],
      ['a 48k-element array (96 kB, under the size limit)', JSON.stringify({ items: Array(48_000).fill(1) }), 'JSON_ARRAY_TOO_LONG'],
    ])('answers %s with 400 within 100 ms, before parsing or validating it', async (_name, rawBody, code) => {
      const t0 = performance.now();
      const res = await api('POST', '/v1/orders', { token: tokens['bob'], rawBody, headers: { 'content-type': 'application/json' } });
      expect(performance.now() - t0).toBeLessThan(100);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    });

    it('answers a wrong content type with 415 and malformed JSON with 400', async () => {
      const form = await api('POST', '/v1/orders', { token: tokens['bob'], rawBody: 'items=funghi', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
      const broken = await api('POST', '/v1/orders', { token: tokens['bob'], rawBody: '{"items": [', headers: { 'content-type': 'application/json' } });
      expect(broken.status).toBe(400);
      expect(broken.body.code).toBe('MALFORMED_JSON');
    });

    it('refuses prototype pollution keys, and says that is why', async () => {
      for (const key of ['"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}']) {
        const res = await api('POST', '/v1/orders', {
          token: tokens['bob'],
          rawBody: `{"items":[{"pizzaId":"funghi","quantity":1}],${key}}`,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(400);
        // Told why: the body is JSON, its key is what is refused.
        expect(res.body.code).toBe('JSON_FORBIDDEN_KEY');
        expect(res.body.detail).toContain('__proto__ or constructor.prototype');
      }
    });

    it('validates ids before any service call', async () => {
      expect((await api('GET', `/v1/orders/${'a'.repeat(60)}`, { token: tokens['bob'] })).status).toBe(400);
      expect((await api('GET', '/v1/menu/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    });

    it('cuts off a client that stalls its request (slowloris) with a 408 problem at CLIENT_TIMEOUT_MS, creating nothing', async () => {
      const before = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length;
      const head = `POST /v1/orders HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${tokens['bob']}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n`;
      const { text, status, closedAfterMs } = await rawExchange(stack.baseUrl, head + '{"items":[{"pizzaId":"funghi","quantity":1}]');
      expect(status).toBe(408);
      expect(text).toMatch(/content-type: application\/problem\+json/);
      expect(text).toMatch(/x-content-type-options: nosniff/);
      expect(text).toContain('"code":"REQUEST_TIMEOUT"');
      expect(closedAfterMs).toBeGreaterThanOrEqual(CLIENT_TIMEOUT_MS - 5);
      expect(closedAfterMs).toBeLessThan(CLIENT_TIMEOUT_MS * 1.1 + 2000);
      expect((await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length).toBe(before);
      // Operators see it: counted by code.
      expect((await scrapeMetrics(stack.metricsUrl('gateway'))).get('http_client_errors_total{code="REQUEST_TIMEOUT"}')).toBeGreaterThanOrEqual(1);
    });

    it('shares one round of service pings among a flood of /health/ready (public, not rate limited): a service sees about one a second, not one per request', async () => {
      const pings = async () => (await scrapeMetrics(stack.metricsUrl('menu'))).get('rpc_server_duration_seconds_count{service="menu",pattern="menu.health.ping",outcome="ok"}') ?? 0;
      const before = await pings();
      const t0 = Date.now();
      const answers: number[] = [];
      for (let batch = 0; batch < 10; batch++) answers.push(...(await Promise.all(Array.from({ length: 20 }, async () => (await api('GET', '/health/ready')).status))));
      const seconds = (Date.now() - t0) / 1000;
      expect(answers).toEqual(Array(200).fill(200));
      // One round per second at most, plus the one that may be running at each end.
      expect((await pings()) - before).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    });

    it('answers headers past the size limit with a 431 problem', async () => {
      const { text, status } = await rawExchange(stack.baseUrl, `GET /v1/menu HTTP/1.1\r\nhost: x\r\nx-pad: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(status).toBe(431);
      expect(text).toContain('"code":"HEADERS_TOO_LARGE"');
      expect((await scrapeMetrics(stack.metricsUrl('gateway'))).get('http_client_errors_total{code="HEADERS_TOO_LARGE"}')).toBeGreaterThanOrEqual(1);
    });

    it('answers what the router refuses before any route (long parameter, broken encoding) as problems too', async () => {
      // Past Fastify's parameter length limit the router refuses it outright; a broken %-escape likewise.
      const long = await api('GET', `/v1/orders/${'a'.repeat(300)}`, { token: tokens['bob'] });
      const broken = await api('GET', '/v1/menu/%zz');
      for (const [res, status, code] of [[long, 414, 'URI_TOO_LONG'], [broken, 400, 'VALIDATION_FAILED']] as const) {
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
        expect(res.body).toMatchObject({ status, code, requestId: res.headers.get('x-request-id') });
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(JSON.stringify(res.body)).not.toContain('FST_ERR');
      }
    });
  });

  describe('API8 security misconfiguration', () => {
    it('sends security headers and no X-Powered-By', async () => {
      const res = await api('GET', '/v1/menu');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // The docs UI (on outside production) is a page: a document policy that lets its own scripts run.
      const docs = await api('GET', '/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    });

    it('answers a CORS preflight from an allowed origin, and gives a foreign one no allow headers', async () => {
      const preflight = (origin: string) =>
        api('OPTIONS', '/v1/orders', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
      const allowed = await preflight(SHOP);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
      const foreign = await preflight('https://evil.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('lets an allowed origin send every method a route has, and read the headers a client acts on', async () => {
      const doc = (await api('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
      const methods = new Set(Object.values(doc.paths).flatMap((item) => Object.keys(item).map((m) => m.toUpperCase())));
      expect([...methods]).toEqual(expect.arrayContaining(['PATCH', 'DELETE']));
      const preflight = await api('OPTIONS', '/v1/menu/margherita', { headers: { origin: SHOP, 'access-control-request-method': 'PATCH' } });
      const allowed = preflight.headers.get('access-control-allow-methods')?.split(/,\s*/) ?? [];
      for (const method of methods) expect([method, allowed.includes(method)]).toEqual([method, true]);
      // A browser script reads only what is exposed: where a created order lives, when to retry, that a token must be refreshed.
      const created = await api('POST', '/v1/orders', { token: tokens['bob'], headers: { origin: SHOP }, body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
      expect(created.status).toBe(201);
      const exposed = created.headers.get('access-control-expose-headers')?.split(/,\s*/) ?? [];
      expect(exposed).toEqual(expect.arrayContaining(['location', 'retry-after', 'retry-after-ms', 'ratelimit', 'idempotent-replayed', 'www-authenticate', 'x-request-id']));
    });

    it('never leaks internals in errors', async () => {
      const res = await api('GET', '/v1/orders/not-a-uuid', { token: tokens['bob'] });
      expect(res.text).not.toMatch(/at .*\.js:\d+|node_modules|Error:/);
    });
  });

  describe('services trust only the gateway', () => {
    it('refuses a command sent straight to a service without a principal', async () => {
      const client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: stack.servicePort('order') } });
      try {
        const reply = firstValueFrom(
          client.send(OrderPatterns.CREATE_ORDER, { meta: {}, data: { items: [{ pizzaId: 'funghi', quantity: 1 }] } }).pipe(timeout(5000)),
        );
        await expect(reply).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
      } finally {
        client.close();
      }
    });
  });
});

describe('attack suite: RS256 access tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs256-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);

  beforeAll(async () => {
    writeFileSync(join(dir, 'jwt.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    writeFileSync(join(dir, 'jwt.pub'), publicPem);
    stack = await new Stack({
      transport: 'tcp',
      env: { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: join(dir, 'jwt.key'), JWT_PUBLIC_KEY_FILE: join(dir, 'jwt.pub') },
    }).start();
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues RS256 tokens that work', async () => {
    const { accessToken } = (await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).body;
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString()).alg).toBe('RS256');
    expect((await api('GET', '/v1/orders', { token: accessToken })).status).toBe(200);
  });

  it('refuses algorithm confusion: HS256 signed with the public key as the secret', async () => {
    const res = await api('GET', '/v1/orders', { token: forge(claims(), { key: publicPem }) });
    expect(res.status).toBe(401);
  });
});
