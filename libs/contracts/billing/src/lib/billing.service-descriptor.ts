import type { ServiceDescriptor } from '@pizza/contracts-common';
import { BillingPatterns } from './billing.patterns';

export const BillingService = {
  name: 'billing',
  clientToken: 'BILLING_SERVICE_CLIENT',
  queue: 'billing-service',
  idempotentPatterns: [BillingPatterns.FIND_PAYMENT],
  keyedPatterns: [BillingPatterns.CHARGE_PAYMENT],
  defaultPort: 4004,
} as const satisfies ServiceDescriptor;
