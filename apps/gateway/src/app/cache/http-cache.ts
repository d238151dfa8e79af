import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@pizza/auth';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { NO_RATE_LIMIT, RATE_LIMIT_ROUTE } from '../rate-limit/rate-limit.decorators';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import type { CachedRouteConfig, CacheKeyOf } from './cache-key';
import { etagOf, writeCached } from './cached-reply';
import { ResponseCache } from './response-cache';

/** RFC 5861 stale-if-error: the statuses that count as an error. */
const STALE_IF_ERROR = new Set([500, 502, 503, 504]);

/** An onSend hook's payload: undefined would keep the pipeline's, null sends none (304). */
const asPayload = (body: string | undefined): string | null => body ?? null;

/** A HEAD answer: GET's headers, with the Content-Length of GET's body (none on a 304), and no body. */
const headOnSend: onSendHookHandler = (_request, reply, payload, done) => {
  if (reply.statusCode !== 304 && typeof payload === 'string') void reply.header('content-length', String(Buffer.byteLength(payload)));
  done(null, null);
};

const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

interface CachedRoute {
  keyOf: CacheKeyOf;
  limited: boolean;
  /** The route's own rate limit (on top of the tiers), if any. */
  rateLimitRoute?: string;
}

/**
 * The response cache of @Cached routes, at the HTTP layer like an edge cache in
 * front of the application (two Fastify hooks, no Nest interceptor):
 * - preHandler: a fresh copy is answered at once (X-Cache: HIT), after the rate
 *   limit and before Nest's pipeline; request id, CORS and security headers are
 *   already set by Fastify's earlier hooks. Over the limit, the pipeline's guard
 *   answers the 429 from the same count.
 * - onSend: on a miss, the pipeline's 200 is stored as sent (MISS); an error
 *   (500, 502, 503, 504: the service is down, too slow, or its breaker is open)
 *   is replaced by the last known answer up to CACHE_MAX_STALE_SECONDS old
 *   (STALE), else sent as it is.
 * A matching If-None-Match gets 304 with no body, whichever way the answer came.
 * HEAD (Fastify's own route beside each GET) is answered as GET would be, from the cache and
 * with the same headers: without it a HEAD went to the service every time, and got 503 while
 * the service was down where GET got the stale copy (RFC 9110 9.3.2: the same header fields).
 */
@Injectable()
export class HttpCache {
  constructor(
    private readonly cache: ResponseCache,
    private readonly limiter: RateLimitGuard,
    private readonly reflector: Reflector,
  ) {}

  /**
   * Before Nest registers its routes: each @Cached route gets the two hooks as it is
   * added (route-level hooks; every other route runs none of this). With caching off
   * (CACHE_TTL_SECONDS=0) no route gets them; the rule that a cached route is public
   * is checked all the same.
   */
  install(fastify: FastifyInstance): void {
    fastify.decorateRequest('cacheKey', undefined);
    fastify.addHook('onRoute', (route) => {
      const cached = route.config?.cached;
      if (!cached) return;
      const rule = this.describe(cached, `${route.method} ${route.url}`);
      if (!this.cache.enabled) return;
      route.preHandler = [...asArray(route.preHandler), (request, reply) => this.lookup(rule, request, reply)];
      const onSend: onSendHookHandler = (request, reply, payload, done) => {
        // A hit (or anything but a GET or HEAD) has nothing to store: done now, so the reply is written in this turn.
        const key = request.cacheKey;
        if (key === undefined) return done(null, payload);
        this.storeOrStale(key, request, reply, payload).then((sent) => done(null, sent), done);
      };
      // Fastify ends a HEAD route's onSend hooks with its own, which measures the body for
      // Content-Length and drops it; it cannot take a 304's absent body (null), and gives an
      // undefined one Content-Length: 0. headOnSend does its work after the cache's.
      route.onSend = route.method === 'HEAD' ? [...asArray(route.onSend).slice(0, -1), onSend, headOnSend] : [...asArray(route.onSend), onSend];
    });
  }

  private async lookup(route: CachedRoute, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const key = route.keyOf(request);
    // Both at once (one round trip to Redis, not two); the limiter counts the request once either way.
    const [fresh, allowed] = await Promise.all([this.cache.fresh(key), !route.limited || this.withinLimit(request, reply, route.rateLimitRoute)]);
    // Returning the reply tells Fastify the hook answered.
    if (fresh && allowed) return reply.send(writeCached(request, reply, fresh, 'HIT', this.cache.ttlSeconds));
    request.cacheKey = key;
    return undefined;
  }

  private async storeOrStale(key: string, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    if (reply.statusCode === 200 && typeof payload === 'string') {
      const entry = { body: payload, etag: etagOf(payload), storedAt: Date.now() };
      await this.cache.store(key, entry);
      return asPayload(writeCached(request, reply, entry, 'MISS', this.cache.ttlSeconds));
    }
    if (STALE_IF_ERROR.has(reply.statusCode)) {
      const stale = await this.cache.stale(key);
      if (stale) {
        void reply.status(200).removeHeader('retry-after');
        return asPayload(writeCached(request, reply, stale, 'STALE', this.cache.ttlSeconds));
      }
    }
    return payload;
  }

  /** Hits are answered before authentication: a cached route must be public. */
  private describe({ keyOf, handler, controller }: CachedRouteConfig, name: string): CachedRoute {
    const targets = [handler, controller] as Array<() => void>;
    if (!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      throw new Error(`@Cached route ${name} is not @Public(): the cache answers before authentication`);
    }
    return {
      keyOf,
      limited: !this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, targets),
      rateLimitRoute: this.reflector.get<string | undefined>(RATE_LIMIT_ROUTE, handler as () => void),
    };
  }

  private async withinLimit(request: FastifyRequest, reply: FastifyReply, route?: string): Promise<boolean> {
    try {
      await this.limiter.limit(request, reply, route);
      return true;
    } catch {
      return false;
    }
  }
}
