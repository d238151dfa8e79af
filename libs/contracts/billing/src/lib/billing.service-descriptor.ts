import type { ServiceDescriptor } from '@pizza/contracts-common';

export const BillingService = {
  name: 'billing',
  clientToken: 'BILLING_SERVICE_CLIENT',
  queue: 'billing-service',
  defaultPort: 4004,
} as const satisfies ServiceDescriptor;
