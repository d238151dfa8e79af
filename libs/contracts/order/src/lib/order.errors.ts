import type { ErrorDescriptor } from '@pizza/contracts-common';

export const OrderErrors = {
  /** Also answered when the order exists but belongs to someone else: no existence oracle. */
  NOT_FOUND: { code: 'ORDER.NOT_FOUND', status: 404 },
  INVALID_TRANSITION: { code: 'ORDER.INVALID_TRANSITION', status: 409 },
  UNKNOWN_PIZZA: { code: 'ORDER.UNKNOWN_PIZZA', status: 422 },
  PIZZA_UNAVAILABLE: { code: 'ORDER.PIZZA_UNAVAILABLE', status: 422 },
  MIXED_CURRENCIES: { code: 'ORDER.MIXED_CURRENCIES', status: 422 },
  DUPLICATE_ITEM: { code: 'ORDER.DUPLICATE_ITEM', status: 422 },
} as const satisfies Record<string, ErrorDescriptor>;
