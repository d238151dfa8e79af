import type { ServiceDescriptor } from '@pizza/contracts-common';

export const OrderService = {
  name: 'order',
  clientToken: 'ORDER_SERVICE_CLIENT',
  queue: 'order-service',
  defaultPort: 4002,
} as const satisfies ServiceDescriptor;
