import type { ServiceDescriptor } from '@pizza/contracts-common';

export const KitchenService = {
  name: 'kitchen',
  clientToken: 'KITCHEN_SERVICE_CLIENT',
  queue: 'kitchen-service',
  defaultPort: 4003,
} as const satisfies ServiceDescriptor;
