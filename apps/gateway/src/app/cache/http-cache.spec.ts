import { SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@pizza/auth';
import { createCache } from 'cache-manager';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import type { CachedRouteConfig } from './cache-key';
import { createCacheStore } from './cache-store';
import { HttpCache } from './http-cache';
import { ResponseCache } from './response-cache';

/** The hooks on a real Fastify instance, with the memory store and a limiter that says yes or no. */
describe('HttpCache', () => {
  let app: FastifyInstance;
  let calls = 0;
  let upstream: { status: number; body: unknown } = { status: 200, body: { id: 'marinara', priceCents: 800 } };
  let allowed = true;
  const config = new ConfigService({ CACHE_TTL_SECONDS: 60, CACHE_MAX_STALE_SECONDS: 3600, REDIS_TIMEOUT_MS: 100 });
  const store = createCache({ stores: [createCacheStore(undefined)] });
  const responses = new ResponseCache(store, config);
  const limiter = {
    limit: async (_req: FastifyRequest, reply: FastifyReply) => {
      void reply.header('ratelimit', '"burst";r=1;t=1');
      if (!allowed) throw new Error('429');
    },
  } as unknown as RateLimitGuard;

  /** A handler with the metadata Nest's decorators would give it. */
  const cachedRoute = (isPublic: boolean): CachedRouteConfig => {
    const handler = () => undefined;
    if (isPublic) SetMetadata(IS_PUBLIC, true)(handler);
    return { keyOf: (req) => `pizza:${(req.params as { id: string }).id}`, handler, controller: class {} };
  };

  beforeEach(async () => {
    await store.clear();
    calls = 0;
    allowed = true;
    upstream = { status: 200, body: { id: 'marinara', priceCents: 800 } };
    app = Fastify();
    new HttpCache(responses, limiter, new Reflector()).install(app);
    app.get('/menu/:id', { config: { cached: cachedRoute(true) } }, async (_req, reply) => {
      calls++;
      if (upstream.status !== 200) void reply.header('retry-after', '5').header('content-type', 'application/problem+json');
      return reply.status(upstream.status).send(upstream.body);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => app.close());

  /** Over real HTTP (light-my-request's inject does not load under Jest's CommonJS). */
  const get = async (headers: Record<string, string> = {}) => {
    const { port } = app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/menu/marinara`, { headers });
    const body = await res.text();
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), body, json: () => JSON.parse(body) as unknown };
  };

  it('stores a miss as sent and answers the next request itself, with the same ETag', async () => {
    const miss = await get();
    expect(miss.headers['x-cache']).toBe('MISS');
    expect(miss.headers['cache-control']).toBe('public, max-age=60');
    const hit = await get();
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hit.headers['ratelimit']).toBe('"burst";r=1;t=1');
    expect(hit.json()).toEqual({ id: 'marinara', priceCents: 800 });
    expect(hit.headers['etag']).toBe(miss.headers['etag']);
    expect(calls).toBe(1);
  });

  it('answers a matching If-None-Match with 304 and no body, on a miss and on a hit', async () => {
    const first = await get();
    const etag = first.headers['etag'] as string;
    await store.clear();
    const onMiss = await get({ 'if-none-match': etag });
    const onHit = await get({ 'if-none-match': `W/${etag}, "other"` });
    for (const r of [onMiss, onHit]) {
      expect(r.statusCode).toBe(304);
      expect(r.body).toBe('');
      expect(r.headers['content-length']).toBeUndefined();
    }
    expect(onHit.headers['x-cache']).toBe('HIT');
  });

  it('replaces a 503 with the last known answer (STALE), and leaves it alone when there is none', async () => {
    await get();
    await store.del('fresh:pizza:marinara');
    upstream = { status: 503, body: { code: 'UPSTREAM_UNAVAILABLE' } };
    const stale = await get();
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.headers['retry-after']).toBeUndefined();
    expect(stale.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(stale.json()).toEqual({ id: 'marinara', priceCents: 800 });
    await store.clear();
    const error = await get();
    expect(error.statusCode).toBe(503);
    expect(error.headers['x-cache']).toBeUndefined();
  });

  it('neither stores nor hides an answer that is not an outage (404)', async () => {
    upstream = { status: 404, body: { code: 'MENU.PIZZA_NOT_FOUND' } };
    expect((await get()).statusCode).toBe(404);
    expect((await get()).statusCode).toBe(404);
    expect(calls).toBe(2);
  });

  it('lets the pipeline answer a request over the rate limit, even with a fresh copy', async () => {
    await get();
    allowed = false;
    await get();
    expect(calls).toBe(2);
  });

  it('refuses a @Cached route that is not public: hits are answered before authentication', async () => {
    const other = Fastify();
    new HttpCache(responses, limiter, new Reflector()).install(other);
    expect(() => other.get('/orders/:id', { config: { cached: cachedRoute(false) } }, async () => ({}))).toThrow(/not @Public\(\)/);
    await other.close();
  });

  describe('with caching off (CACHE_TTL_SECONDS=0)', () => {
    const off = new ResponseCache(store, new ConfigService({ CACHE_TTL_SECONDS: 0, CACHE_MAX_STALE_SECONDS: 3600, REDIS_TIMEOUT_MS: 100 }));

    it('leaves a cached route to its handler every time: no copy kept, none served, no X-Cache', async () => {
      await app.close();
      app = Fastify();
      new HttpCache(off, limiter, new Reflector()).install(app);
      app.get('/menu/:id', { config: { cached: cachedRoute(true) } }, async () => (calls++, upstream.body));
      await app.listen({ port: 0, host: '127.0.0.1' });
      for (const answer of [await get(), await get()]) {
        expect(answer.statusCode).toBe(200);
        expect(answer.headers['x-cache']).toBeUndefined();
        expect(answer.headers['etag']).toBeUndefined();
      }
      expect(calls).toBe(2);
      expect(await store.get('fresh:pizza:marinara')).toBeUndefined();
    });

    it('still refuses a @Cached route that is not public', async () => {
      const other = Fastify();
      new HttpCache(off, limiter, new Reflector()).install(other);
      expect(() => other.get('/orders/:id', { config: { cached: cachedRoute(false) } }, async () => ({}))).toThrow(/not @Public\(\)/);
      await other.close();
    });
  });
});
