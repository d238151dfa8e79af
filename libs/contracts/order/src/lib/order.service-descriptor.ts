import type { ServiceDescriptor } from '@pizza/contracts-common';
import { OrderPatterns } from './order.patterns';

export const OrderService = {
  name: 'order',
  clientToken: 'ORDER_SERVICE_CLIENT',
  queue: 'order-service',
  idempotentPatterns: [OrderPatterns.LIST_ORDERS, OrderPatterns.GET_ORDER],
  keyedPatterns: [OrderPatterns.CREATE_ORDER],
  defaultPort: 4002,
} as const satisfies ServiceDescriptor;
