import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@pizza/auth';
import { UpstreamError } from '@pizza/transport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { NO_RATE_LIMIT, RATE_LIMIT_ROUTE } from '../rate-limit/rate-limit.decorators';
import { CacheFastPath } from './cache-fast-path';
import { CACHED, type CacheKeyOf } from './cache-key';
import { writeCached, type CacheState } from './cached-reply';
import { ResponseCache, type CachedResponse } from './response-cache';

export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/**
 * Serves @Cached() routes: a fresh copy (X-Cache: HIT), else the upstream answer
 * stored for next time (MISS), else, when the upstream is down or too slow, the
 * last known answer up to CACHE_MAX_STALE_SECONDS old (STALE) instead of an error.
 * A matching If-None-Match gets 304 with no body.
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ResponseCache,
    private readonly fastPath: CacheFastPath,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const keyOf = this.reflector.get<CacheKeyOf | undefined>(CACHED, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!keyOf || request.method !== 'GET' || !this.cache.enabled) return next.handle();
    const handler = context.getHandler();
    // The fast path serves later hits of this route: only where it would be exactly what the pipeline does.
    const classAndHandler = [handler, context.getClass()];
    const plain = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, classAndHandler) && !this.reflector.getAllAndOverride(NO_RATE_LIMIT, classAndHandler);
    if (plain && !this.reflector.get(RATE_LIMIT_ROUTE, handler) && request.routeOptions.url) this.fastPath.learn(request.routeOptions.url, keyOf);
    return from(this.respond(keyOf(request), request, http.getResponse<FastifyReply>(), next));
  }

  private async respond(key: string, request: FastifyRequest, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const fresh = await this.cache.fresh(key);
    if (fresh) return this.serve(request, reply, fresh, 'HIT');
    try {
      const body = await lastValueFrom(next.handle());
      const entry: CachedResponse = { body, etag: etagOf(body), storedAt: Date.now() };
      await this.cache.store(key, entry);
      return this.serve(request, reply, entry, 'MISS');
    } catch (err) {
      // Only when the service could not answer: its "not found" is an answer, not an outage.
      if (err instanceof UpstreamError && err.failure !== 'rejected') {
        const stale = await this.cache.stale(key);
        if (stale) return this.serve(request, reply, stale, 'STALE');
      }
      throw err;
    }
  }

  private serve(request: FastifyRequest, reply: FastifyReply, entry: CachedResponse, state: CacheState): unknown {
    return writeCached(request, reply, entry, state, this.cache.ttlSeconds);
  }
}
