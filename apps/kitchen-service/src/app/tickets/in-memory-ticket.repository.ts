import { Injectable } from '@nestjs/common';
import { comparePositions, type ListPosition } from '@pizza/contracts-common';
import type { TicketStatus } from '@pizza/contracts-kitchen';
import type { TicketRecord, TicketRepository } from './ticket.repository';

const copy = (t: TicketRecord): TicketRecord => ({ ...t, items: t.items.map((i) => ({ ...i })) });

@Injectable()
export class InMemoryTicketRepository implements TicketRepository {
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly byOrder = new Map<string, string>();

  // No await between a check and its write in either: these are the unique index and the conditional update.
  async add(ticket: TicketRecord): Promise<boolean> {
    if (this.byOrder.has(ticket.orderId)) return false;
    this.tickets.set(ticket.id, copy(ticket));
    this.byOrder.set(ticket.orderId, ticket.id);
    return true;
  }

  async transition(id: string, from: TicketStatus, to: TicketStatus, at: string): Promise<TicketRecord | undefined> {
    const current = this.tickets.get(id);
    if (current?.status !== from) return undefined;
    const next = { ...copy(current), status: to, updatedAt: at };
    this.tickets.set(id, next);
    return copy(next);
  }

  async findById(id: string): Promise<TicketRecord | undefined> {
    const t = this.tickets.get(id);
    return t && copy(t);
  }

  async findByOrder(orderId: string): Promise<TicketRecord | undefined> {
    const id = this.byOrder.get(orderId);
    return id ? this.findById(id) : undefined;
  }

  async find(statuses: readonly TicketStatus[], limit: number, after?: ListPosition): Promise<TicketRecord[]> {
    return [...this.tickets.values()]
      .filter((t) => statuses.includes(t.status) && (!after || comparePositions(after, t) < 0))
      .sort(comparePositions)
      .slice(0, limit)
      .map(copy);
  }
}
