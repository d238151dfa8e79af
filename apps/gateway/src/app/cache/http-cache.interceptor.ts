import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UpstreamError } from '@pizza/transport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { CACHED, type CacheKeyOf } from './cached.decorator';
import { ResponseCache, type CachedResponse } from './response-cache';

type CacheState = 'HIT' | 'MISS' | 'STALE';

export function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
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
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const keyOf = this.reflector.get<CacheKeyOf | undefined>(CACHED, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!keyOf || request.method !== 'GET' || !this.cache.enabled) return next.handle();
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
    const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
    void reply
      .header('etag', entry.etag)
      .header('x-cache', state)
      .header('age', String(age))
      .header('cache-control', state === 'STALE' ? 'public, max-age=0, must-revalidate' : `public, max-age=${Math.max(0, this.cache.ttlSeconds - age)}`);
    if (matches(request.headers['if-none-match'], entry.etag)) {
      void reply.status(304);
      return undefined;
    }
    return entry.body;
  }
}
