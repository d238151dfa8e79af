import type { FastifyRequest } from 'fastify';

/** Metadata key of a @Cached route: its cache key function. */
export const CACHED = 'http:cached';
export type CacheKeyOf = (request: FastifyRequest) => string;
