import { REQUEST_ID_HEADER } from './request-id';

/**
 * The methods a browser may send cross-origin: every one a route of the API has (a preflight for
 * PATCH /v1/menu/:id or DELETE /v1/admin/api-keys/:id must pass, or an admin page cannot call them).
 */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'];

/**
 * The answer headers a browser script may read besides the CORS-safelisted ones (Content-Type,
 * Cache-Control, ...): each is one a client acts on. Without this, fetch() hides them.
 */
export const CORS_EXPOSED_HEADERS = [
  REQUEST_ID_HEADER,
  // 201: where the created order lives.
  'location',
  // A list's next page.
  'link',
  // 429, and 503 from an open breaker: when to try again.
  'retry-after',
  'retry-after-ms',
  'ratelimit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  // A retried POST answered from its first try.
  'idempotent-replayed',
  // 401: how to authenticate, and that the token is no longer good (refresh it).
  'www-authenticate',
  // The cached menu: revalidation and freshness.
  'etag',
  'age',
];
