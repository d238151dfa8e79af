import { IsUUID } from 'class-validator';
import type { TicketStatus } from './ticket-status';

export class TicketIdRequest {
  @IsUUID('4')
  ticketId!: string;
}

export class FindTicketRequest {
  @IsUUID('4')
  orderId!: string;
}

export interface TicketSummary {
  ticketId: string;
  status: TicketStatus;
}

/** Wrapped, because a bare null is not a reply every transport carries. */
export interface FindTicketResponse {
  ticket: TicketSummary | null;
}
