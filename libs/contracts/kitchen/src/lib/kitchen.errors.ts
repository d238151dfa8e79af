import type { ErrorDescriptor } from '@pizza/contracts-common';

export const KitchenErrors = {
  TICKET_NOT_FOUND: { code: 'KITCHEN.TICKET_NOT_FOUND', status: 404 },
  INVALID_TRANSITION: { code: 'KITCHEN.INVALID_TRANSITION', status: 409 },
} as const satisfies Record<string, ErrorDescriptor>;
