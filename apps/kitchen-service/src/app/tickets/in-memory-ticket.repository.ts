import { Injectable } from '@nestjs/common';
import type { TicketRecord, TicketRepository } from './ticket.repository';

const copy = (t: TicketRecord): TicketRecord => ({ ...t, items: t.items.map((i) => ({ ...i })) });

@Injectable()
export class InMemoryTicketRepository implements TicketRepository {
  private readonly tickets = new Map<string, TicketRecord>();
  private readonly byOrder = new Map<string, string>();

  async save(ticket: TicketRecord): Promise<void> {
    this.tickets.set(ticket.id, copy(ticket));
    this.byOrder.set(ticket.orderId, ticket.id);
  }

  async findById(id: string): Promise<TicketRecord | undefined> {
    const t = this.tickets.get(id);
    return t && copy(t);
  }

  async findByOrder(orderId: string): Promise<TicketRecord | undefined> {
    const id = this.byOrder.get(orderId);
    return id ? this.findById(id) : undefined;
  }

  async findAll(): Promise<TicketRecord[]> {
    return [...this.tickets.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(copy);
  }
}
