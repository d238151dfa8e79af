import { TicketStatus } from '@pizza/contracts-kitchen';

/** queued -> preparing -> baking -> ready. A cancelled or ready ticket goes nowhere. */
const NEXT: Readonly<Partial<Record<TicketStatus, TicketStatus>>> = {
  [TicketStatus.QUEUED]: TicketStatus.PREPARING,
  [TicketStatus.PREPARING]: TicketStatus.BAKING,
  [TicketStatus.BAKING]: TicketStatus.READY,
};

export function nextTicketStatus(status: TicketStatus): TicketStatus | undefined {
  return NEXT[status];
}

/** A ticket can be dropped until it is in the oven, like the order it belongs to. */
export function canCancelTicket(status: TicketStatus): boolean {
  return status === TicketStatus.QUEUED || status === TicketStatus.PREPARING;
}
