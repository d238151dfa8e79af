export const KitchenPatterns = {
  LIST_TICKETS: 'kitchen.ticket.list',
  ADVANCE_TICKET: 'kitchen.ticket.advance',
  FIND_TICKET: 'kitchen.ticket.find',
  PING: 'kitchen.health.ping',
} as const;

export const KitchenEvents = {
  TICKET_ADVANCED: 'ticket.advanced',
} as const;
