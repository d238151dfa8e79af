import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { CACHED, type CacheKeyOf } from './cache-key';
import { HttpCacheInterceptor } from './http-cache.interceptor';

/**
 * A public GET whose response is the same for every caller: cached in the shared
 * store, with ETag / If-None-Match, Cache-Control: public and X-Cache. Never put
 * it on a route whose answer depends on who asks.
 * The interceptor is bound here, to these routes only: a route with no interceptor
 * at all skips Nest's rxjs interceptor chain.
 */
export const Cached = (keyOf: CacheKeyOf): MethodDecorator => applyDecorators(SetMetadata(CACHED, keyOf), UseInterceptors(HttpCacheInterceptor));
