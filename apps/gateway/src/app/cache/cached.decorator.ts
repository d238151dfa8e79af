import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const CACHED = 'http:cached';
export type CacheKeyOf = (request: FastifyRequest) => string;

/**
 * A public GET whose response is the same for every caller: cached in the shared
 * store, with ETag / If-None-Match, Cache-Control: public and X-Cache. Never put
 * it on a route whose answer depends on who asks.
 */
export const Cached = (keyOf: CacheKeyOf): MethodDecorator => SetMetadata(CACHED, keyOf);
