import type { FastifyRequest } from 'fastify';

export type CacheKeyOf = (request: FastifyRequest) => string;

/**
 * What @Cached puts in a Fastify route's config: the key function, and the
 * handler it decorates so HttpCache can read the route's other metadata (public,
 * rate limits) once, when the route is registered.
 */
export interface CachedRouteConfig {
  keyOf: CacheKeyOf;
  handler: object;
  controller: object;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    cached?: CachedRouteConfig;
  }
  interface FastifyRequest {
    /** Set by HttpCache on a miss of a @Cached route: the answer the pipeline sends is stored under it. */
    cacheKey: string | undefined;
  }
}
