import type { ErrorDescriptor } from '@pizza/contracts-common';

export const AuthErrors = {
  INVALID_CREDENTIALS: { code: 'AUTH.INVALID_CREDENTIALS', status: 401 },
} as const satisfies Record<string, ErrorDescriptor>;
