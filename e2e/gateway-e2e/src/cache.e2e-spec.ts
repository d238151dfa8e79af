import { apiClient, startNats, Stack, waitFor, type NatsHandle } from '@pizza/testing';

/** The response cache against the real stack: HIT/MISS, ETag, eviction on change, stale-if-error, privacy. */
describe('response cache (memory, one gateway)', () => {
  let stack: Stack;
  const api = apiClient(() => stack.baseUrl);
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await new Stack({ transport: 'tcp', env: { CACHE_TTL_SECONDS: '1', CACHE_MAX_STALE_SECONDS: '60' } }).start();
    for (const u of ['alice', 'bob', 'chef']) {
      tokens[u] = (await api('POST', '/v1/auth/login', { body: { username: u, password: `${u}-pizza` } })).body.accessToken;
    }
  });
  afterAll(() => stack?.stop());

  it('misses, then hits, with ETag and public Cache-Control; If-None-Match gets 304 and no body', async () => {
    await waitFor(async () => (await api('GET', '/v1/menu/marinara')).headers.get('x-cache') === 'MISS', { timeoutMs: 3000, what: 'a miss' });
    const hit = await api('GET', '/v1/menu/marinara', { headers: { 'x-request-id': 'hit-1' } });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    // Hits skip Nest's pipeline (HttpCache answers them) but not the edge: request id, rate limit, security headers.
    expect(hit.headers.get('x-request-id')).toBe('hit-1');
    expect(hit.headers.get('ratelimit-policy')).toContain('"burst"');
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
    expect(hit.body.id).toBe('marinara');
    const etag = hit.headers.get('etag') as string;
    expect(etag).toMatch(/^".+"$/);
    const revalidated = await api('GET', '/v1/menu/marinara', { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
  });

  it('answers HEAD as GET would be, from the cache: the same caching headers and Content-Length, no body', async () => {
    // A HEAD that misses fills the cache for the GET after it.
    const cold = await waitFor(async () => {
      const r = await api('HEAD', '/v1/menu/quattro-formaggi');
      return r.headers.get('x-cache') === 'MISS' ? r : undefined;
    }, { timeoutMs: 3000, what: 'a HEAD miss' });
    expect(cold.status).toBe(200);
    expect(cold.text).toBe('');
    const get = await api('GET', '/v1/menu/quattro-formaggi');
    expect(get.headers.get('x-cache')).toBe('HIT');
    const head = await api('HEAD', '/v1/menu/quattro-formaggi');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-cache')).toBe('HIT');
    expect(head.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(get.text)));
    const revalidated = await api('HEAD', '/v1/menu/quattro-formaggi', { headers: { 'if-none-match': get.headers.get('etag') as string } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-length')).toBeNull();
  });

  it('marks every per-user response private, no-store, and never caches it', async () => {
    const mine = await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
    const alice = await api('GET', '/v1/orders', { token: tokens['alice'] });
    const bob = await api('GET', '/v1/orders', { token: tokens['bob'] });
    for (const r of [mine, alice, bob]) {
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      expect(r.headers.get('x-cache')).toBeNull();
    }
    expect(alice.body.map((o: { id: string }) => o.id)).toContain(mine.body.id);
    expect(bob.body.map((o: { id: string }) => o.id)).not.toContain(mine.body.id);
  });

  it('lets staff change a price (customers get 403) and evicts it: the next read has the new price', async () => {
    await api('GET', '/v1/menu/funghi');
    expect((await api('GET', '/v1/menu/funghi')).headers.get('x-cache')).toBe('HIT');
    expect((await api('PATCH', '/v1/menu/funghi', { token: tokens['alice'], body: { priceCents: 1 } })).status).toBe(403);
    expect((await api('PATCH', '/v1/menu/funghi', { token: tokens['chef'], body: {} })).status).toBe(400);
    const patched = await api('PATCH', '/v1/menu/funghi', { token: tokens['chef'], body: { priceCents: 1199 } });
    expect(patched.status).toBe(200);
    const after = await api('GET', '/v1/menu/funghi');
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.priceCents).toBe(1199);
    const list = await api('GET', '/v1/menu');
    expect(list.body.find((p: { id: string }) => p.id === 'funghi').priceCents).toBe(1199);
  });

  it('serves the last known menu, marked STALE, while the menu service is down', async () => {
    const first = await api('GET', '/v1/menu');
    expect(first.status).toBe(200);
    const menu = stack.process('menu');
    menu.signal('SIGKILL');
    await menu.exited;
    // Past the 1 s freshness the gateway asks the (dead) service, then falls back to the stale copy.
    const stale = await waitFor(async () => {
      const r = await api('GET', '/v1/menu');
      return r.headers.get('x-cache') === 'STALE' ? r : undefined;
    }, { timeoutMs: 5000, what: 'a stale answer' });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);
    // HEAD, as a monitor might send it, sees what GET sees.
    const head = await api('HEAD', '/v1/menu');
    expect(head.status).toBe(200);
    expect(head.headers.get('x-cache')).toBe('STALE');
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(stale.text)));
    // Something never cached is still an honest error.
    expect((await api('GET', '/v1/menu/capricciosa')).status).toBe(503);
    await stack.restart('menu');
  });
});

describe('cache eviction across two gateways over NATS (each with its own memory cache)', () => {
  let nats: NatsHandle;
  let stack: Stack;
  let second = '';
  const a = apiClient(() => stack.baseUrl);
  const b = apiClient(() => second);

  beforeAll(async () => {
    nats = await startNats();
    stack = await new Stack({ transport: 'nats', natsUrl: nats.url, env: { CACHE_TTL_SECONDS: '300' } }).start();
    second = await stack.addGateway();
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  it('a PATCH on one instance reaches the other within 1 s (menu.updated)', async () => {
    const chef = (await a('POST', '/v1/auth/login', { body: { username: 'chef', password: 'chef-pizza' } })).body.accessToken;
    await b('GET', '/v1/menu/diavola');
    expect((await b('GET', '/v1/menu/diavola')).headers.get('x-cache')).toBe('HIT');
    expect((await a('PATCH', '/v1/menu/diavola', { token: chef, body: { priceCents: 1234, available: true } })).status).toBe(200);
    const t0 = Date.now();
    await waitFor(async () => (await b('GET', '/v1/menu/diavola')).body.priceCents === 1234, { timeoutMs: 1000, intervalMs: 20, what: 'instance B to drop the old price' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
