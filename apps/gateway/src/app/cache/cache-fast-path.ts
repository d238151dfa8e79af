import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import type { CacheKeyOf } from './cache-key';
import { writeCached } from './cached-reply';
import { ResponseCache } from './response-cache';

/**
 * Fresh cache hits answered before Nest's pipeline, like an edge cache in front of
 * the application. A hit on a public @Cached route needs only what Fastify's own
 * hooks already did (request id, CORS, security headers) plus the rate limit: the
 * guards would let it through and the handler would not run. Skipping the pipeline
 * for hits is what brings a cached GET near bare Fastify (see bench/).
 *
 * Routes are learnt by HttpCacheInterceptor on their first request (only public
 * routes without a route-specific limit). Anything that is not a fresh hit within
 * the limit — a miss, a stale entry, a 429 — goes down the normal pipeline, which
 * answers it exactly as before; its rate-limit guard reuses this count.
 */
@Injectable()
export class CacheFastPath {
  private readonly routes = new Map<string, CacheKeyOf>();

  constructor(
    private readonly cache: ResponseCache,
    private readonly limiter: RateLimitGuard,
  ) {}

  /** Called by the interceptor for a public @Cached GET route (its Fastify URL pattern). */
  learn(routeUrl: string, keyOf: CacheKeyOf): void {
    if (!this.routes.has(routeUrl)) this.routes.set(routeUrl, keyOf);
  }

  install(fastify: FastifyInstance): void {
    fastify.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' || !this.cache.enabled) return;
      const keyOf = this.routes.get(request.routeOptions.url ?? '');
      if (!keyOf) return;
      // Both at once (one round trip to Redis, not two); the limiter counts the request once either way.
      const [fresh, allowed] = await Promise.all([this.cache.fresh(keyOf(request)), this.withinLimit(request, reply)]);
      if (!fresh || !allowed) return;
      return reply.send(writeCached(request, reply, fresh, 'HIT', this.cache.ttlSeconds));
    });
  }

  /** Past the limit, the pipeline's guard answers the 429 (problem+json, Retry-After) from the same count. */
  private async withinLimit(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    try {
      await this.limiter.limit(request, reply);
      return true;
    } catch {
      return false;
    }
  }
}
