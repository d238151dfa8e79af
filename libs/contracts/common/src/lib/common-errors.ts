import type { ErrorDescriptor } from './error-descriptor';

/** Codes that are not owned by one service: request shape, auth, upstream health. */
export const CommonErrors = {
  VALIDATION_FAILED: { code: 'VALIDATION_FAILED', status: 400 },
  MALFORMED_JSON: { code: 'MALFORMED_JSON', status: 400 },
  JSON_TOO_DEEP: { code: 'JSON_TOO_DEEP', status: 400 },
  JSON_ARRAY_TOO_LONG: { code: 'JSON_ARRAY_TOO_LONG', status: 400 },
  JSON_FORBIDDEN_KEY: { code: 'JSON_FORBIDDEN_KEY', status: 400 },
  UNAUTHENTICATED: { code: 'UNAUTHENTICATED', status: 401 },
  FORBIDDEN: { code: 'FORBIDDEN', status: 403 },
  NOT_FOUND: { code: 'NOT_FOUND', status: 404 },
  METHOD_NOT_ALLOWED: { code: 'METHOD_NOT_ALLOWED', status: 405 },
  REQUEST_TIMEOUT: { code: 'REQUEST_TIMEOUT', status: 408 },
  PAYLOAD_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  URI_TOO_LONG: { code: 'URI_TOO_LONG', status: 414 },
  UNSUPPORTED_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  TOO_MANY_REQUESTS: { code: 'TOO_MANY_REQUESTS', status: 429 },
  HEADERS_TOO_LARGE: { code: 'HEADERS_TOO_LARGE', status: 431 },
  INTERNAL: { code: 'INTERNAL_ERROR', status: 500 },
  UPSTREAM_ERROR: { code: 'UPSTREAM_ERROR', status: 502 },
  UPSTREAM_UNAVAILABLE: { code: 'UPSTREAM_UNAVAILABLE', status: 503 },
  UPSTREAM_TIMEOUT: { code: 'UPSTREAM_TIMEOUT', status: 504 },
  /** A caller's breaker for the service is open: nothing was sent (details.retryAfterMs says when to try again). */
  UPSTREAM_CIRCUIT_OPEN: { code: 'UPSTREAM_CIRCUIT_OPEN', status: 503 },
  /** A caller already has RPC_MAX_IN_FLIGHT calls waiting on the service: this one was not sent (load shedding, as Envoy's max_requests). */
  UPSTREAM_OVERLOADED: { code: 'UPSTREAM_OVERLOADED', status: 503 },
  /** Between processes only: a service shutting down refused the request before handling it (safe to send elsewhere). */
  SERVICE_DRAINING: { code: 'SERVICE_DRAINING', status: 503 },
} as const satisfies Record<string, ErrorDescriptor>;
