import type { ListPosition } from '@pizza/contracts-common';
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
  /**
   * Adds a new ticket unless its order already has one: returns false then, and saves nothing.
   * Atomic (a database: a unique index on the order), so an event delivered twice makes one ticket.
   */
  add(ticket: TicketRecord): Promise<boolean>;
  /**
   * Moves a ticket from `from` to `to`, only if it is still `from`: returns the ticket as saved, or
   * undefined when something moved it meanwhile. Atomic (`UPDATE ... WHERE status = ?`), so two
   * chefs' clicks are one step, and an advance never overwrites a cancel (or the reverse).
   */
  transition(id: string, from: TicketStatus, to: TicketStatus, at: string): Promise<TicketRecord | undefined>;
  findById(id: string): Promise<TicketRecord | undefined>;
  findByOrder(orderId: string): Promise<TicketRecord | undefined>;
  /**
   * Tickets in one of `statuses`, oldest first (createdAt, then id), those after `after` only, at
   * most `limit` (a database: `WHERE status = ANY($1) AND (created_at, id) > ($2, $3) ORDER BY
   * created_at, id LIMIT $4`).
   */
  find(statuses: readonly TicketStatus[], limit: number, after?: ListPosition): Promise<TicketRecord[]>;
}

export const TICKET_REPOSITORY = Symbol('TICKET_REPOSITORY');
