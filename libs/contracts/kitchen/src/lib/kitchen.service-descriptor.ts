import type { ServiceDescriptor } from '@pizza/contracts-common';
import { KitchenPatterns } from './kitchen.patterns';

export const KitchenService = {
  name: 'kitchen',
  clientToken: 'KITCHEN_SERVICE_CLIENT',
  queue: 'kitchen-service',
  // Cancelling a ticket twice answers the cancelled ticket: safe to send again.
  idempotentPatterns: [KitchenPatterns.LIST_TICKETS, KitchenPatterns.FIND_TICKET, KitchenPatterns.CANCEL_ORDER_TICKET],
  defaultPort: 4003,
} as const satisfies ServiceDescriptor;
