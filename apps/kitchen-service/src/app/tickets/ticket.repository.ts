import type { TicketStatus } from '@pizza/contracts-kitchen';
import type { TicketLineDto } from '@pizza/contracts-kitchen';

export interface TicketRecord {
  id: string;
  orderId: string;
  customerId: string;
  status: TicketStatus;
  items: TicketLineDto[];
  createdAt: string;
  updatedAt: string;
}

/** The kitchen's own data. In memory today; a database adapter implements the same port. */
export interface TicketRepository {
  save(ticket: TicketRecord): Promise<void>;
  findById(id: string): Promise<TicketRecord | undefined>;
  findByOrder(orderId: string): Promise<TicketRecord | undefined>;
  findAll(): Promise<TicketRecord[]>;
}

export const TICKET_REPOSITORY = Symbol('TICKET_REPOSITORY');
