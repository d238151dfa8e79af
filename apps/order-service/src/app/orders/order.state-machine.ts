import { OrderStatus } from '@pizza/contracts-order';

/**
 * The order lifecycle, in one table:
 *   awaiting_payment -> paid -> preparing -> baking -> ready
 * and cancel from awaiting_payment, paid or preparing. Once the pizza is in the
 * oven it is made; ready and cancelled are final.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  [OrderStatus.AWAITING_PAYMENT]: [OrderStatus.PAID, OrderStatus.CANCELLED],
  [OrderStatus.PAID]: [OrderStatus.PREPARING, OrderStatus.CANCELLED],
  [OrderStatus.PREPARING]: [OrderStatus.BAKING, OrderStatus.CANCELLED],
  [OrderStatus.BAKING]: [OrderStatus.READY],
  [OrderStatus.READY]: [],
  [OrderStatus.CANCELLED]: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function canCancel(status: OrderStatus): boolean {
  return canTransition(status, OrderStatus.CANCELLED);
}

/** Kitchen ticket states the order follows; others (queued, cancelled) do not move the order. */
const FOLLOWED_KITCHEN_STATES: Readonly<Record<string, OrderStatus>> = {
  preparing: OrderStatus.PREPARING,
  baking: OrderStatus.BAKING,
  ready: OrderStatus.READY,
};

export function orderStatusForTicket(ticketStatus: string): OrderStatus | undefined {
  return FOLLOWED_KITCHEN_STATES[ticketStatus];
}
