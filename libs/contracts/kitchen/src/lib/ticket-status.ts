export const TicketStatus = {
  QUEUED: 'queued',
  PREPARING: 'preparing',
  BAKING: 'baking',
  READY: 'ready',
  CANCELLED: 'cancelled',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
