import { TicketStatus } from '@pizza/contracts-kitchen';
import { canCancelTicket, nextTicketStatus } from './ticket.state-machine';

describe('ticket state machine', () => {
  it('advances one step at a time up to ready', () => {
    expect(nextTicketStatus(TicketStatus.QUEUED)).toBe(TicketStatus.PREPARING);
    expect(nextTicketStatus(TicketStatus.PREPARING)).toBe(TicketStatus.BAKING);
    expect(nextTicketStatus(TicketStatus.BAKING)).toBe(TicketStatus.READY);
    expect(nextTicketStatus(TicketStatus.READY)).toBeUndefined();
    expect(nextTicketStatus(TicketStatus.CANCELLED)).toBeUndefined();
  });

  it('drops a ticket only before it is baking', () => {
    expect(canCancelTicket(TicketStatus.QUEUED)).toBe(true);
    expect(canCancelTicket(TicketStatus.PREPARING)).toBe(true);
    expect(canCancelTicket(TicketStatus.BAKING)).toBe(false);
    expect(canCancelTicket(TicketStatus.READY)).toBe(false);
  });
});
