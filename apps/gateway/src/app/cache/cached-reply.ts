import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { CachedResponse } from './response-cache';

export type CacheState = 'HIT' | 'MISS' | 'STALE';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A strong validator of the serialized body: the same bytes, the same tag. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Writes the caching headers of a stored answer (ETag, X-Cache, Age, public
 * Cache-Control) and returns the body to send, or undefined after setting 304 when
 * If-None-Match already names it. One writer for every answer the cache gives.
 */
export function writeCached(request: FastifyRequest, reply: FastifyReply, entry: CachedResponse, state: CacheState, ttlSeconds: number): string | undefined {
  const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
  void reply
    .header('content-type', JSON_TYPE)
    .header('etag', entry.etag)
    .header('x-cache', state)
    .header('age', String(age))
    .header('cache-control', state === 'STALE' ? 'public, max-age=0, must-revalidate' : `public, max-age=${Math.max(0, ttlSeconds - age)}`);
  if (matches(request.headers['if-none-match'], entry.etag)) {
    void reply.status(304);
    return undefined;
  }
  return entry.body;
}
