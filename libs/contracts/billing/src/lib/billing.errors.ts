import type { ErrorDescriptor } from '@pizza/contracts-common';

export const BillingErrors = {
  DECLINED: { code: 'PAYMENT.DECLINED', status: 402 },
  ALREADY_PAID: { code: 'PAYMENT.ALREADY_PAID', status: 409 },
  IN_PROGRESS: { code: 'PAYMENT.IN_PROGRESS', status: 409 },
  ORDER_NOT_PAYABLE: { code: 'PAYMENT.ORDER_NOT_PAYABLE', status: 409 },
} as const satisfies Record<string, ErrorDescriptor>;
