import type { TicketStatus } from './ticket-status';

export class TicketLineDto {
  pizzaId!: string;
  name!: string;
  quantity!: number;
}

export class TicketDto {
  id!: string;
  orderId!: string;
  status!: TicketStatus;
  items!: TicketLineDto[];
  createdAt!: string;
  updatedAt!: string;
}
