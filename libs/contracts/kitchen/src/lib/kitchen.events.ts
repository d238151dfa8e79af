import { IsIn, IsUUID } from 'class-validator';
import { TicketStatus } from './ticket-status';

export class TicketAdvancedEvent {
  @IsUUID('4')
  ticketId!: string;

  @IsUUID('4')
  orderId!: string;

  @IsIn(Object.values(TicketStatus))
  status!: TicketStatus;
}

export class TicketCancelledEvent {
  @IsUUID('4')
  ticketId!: string;

  @IsUUID('4')
  orderId!: string;
}
