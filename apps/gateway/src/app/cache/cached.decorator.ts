import { RouteConfig } from '@nestjs/platform-fastify';
import type { CachedRouteConfig, CacheKeyOf } from './cache-key';

/**
 * A public GET whose response is the same for every caller: cached in the shared
 * store, with ETag / If-None-Match, Cache-Control: public and X-Cache. Never put
 * it on a route whose answer depends on who asks; the gateway refuses to start
 * if the route is not @Public().
 * It marks the Fastify route (route config): HttpCache does the caching in
 * Fastify hooks, so a @Cached route runs no Nest interceptor (no rxjs chain).
 */
export const Cached =
  (keyOf: CacheKeyOf): MethodDecorator =>
  (target, key, descriptor) => {
    const cached: CachedRouteConfig = { keyOf, handler: descriptor.value as object, controller: target.constructor };
    RouteConfig({ cached })(target, key, descriptor);
  };
