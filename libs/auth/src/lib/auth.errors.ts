import type { ErrorDescriptor } from '@pizza/contracts-common';

export const AuthErrors = {
  INVALID_CREDENTIALS: { code: 'AUTH.INVALID_CREDENTIALS', status: 401 },
  /** Unknown, expired, revoked or already used: one answer for all of them. */
  INVALID_REFRESH_TOKEN: { code: 'AUTH.INVALID_REFRESH_TOKEN', status: 401 },
  INVALID_API_KEY: { code: 'AUTH.INVALID_API_KEY', status: 401 },
  INSUFFICIENT_SCOPE: { code: 'AUTH.INSUFFICIENT_SCOPE', status: 403 },
  API_KEY_NOT_FOUND: { code: 'AUTH.API_KEY_NOT_FOUND', status: 404 },
  /** The refresh-token or API-key store (Redis) did not answer. */
  CREDENTIAL_STORE_UNAVAILABLE: { code: 'AUTH.CREDENTIAL_STORE_UNAVAILABLE', status: 503 },
} as const satisfies Record<string, ErrorDescriptor>;
