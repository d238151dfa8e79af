export const KitchenPatterns = {
  LIST_TICKETS: 'kitchen.ticket.list',
  ADVANCE_TICKET: 'kitchen.ticket.advance',
  FIND_TICKET: 'kitchen.ticket.find',
  /** Asked by order-service before it cancels an order: the kitchen says whether it is too late. */
  CANCEL_ORDER_TICKET: 'kitchen.ticket.cancel',
  PING: 'kitchen.health.ping',
} as const;

export const KitchenEvents = {
  TICKET_ADVANCED: 'ticket.advanced',
  /** A ticket dropped at an order's cancel: order-service finishes that cancel if its reply was lost. */
  TICKET_CANCELLED: 'ticket.cancelled',
} as const;
