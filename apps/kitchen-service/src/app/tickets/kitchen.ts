import { Inject, Injectable } from '@nestjs/common';
import type { PaymentSucceededEvent } from '@pizza/contracts-billing';
import { CommonErrors, DomainError, hasRole, pageLimit, pageOf, pagePosition, Role, type MessageMeta, type Page, type Principal } from '@pizza/contracts-common';
import {
  KitchenErrors,
  KitchenEvents,
  QUEUE_STATUSES,
  TicketStatus,
  type ListTicketsRequest,
  type CancelOrderTicketResponse,
  type FindTicketResponse,
  type KitchenEventMap,
  type TicketDto,
} from '@pizza/contracts-kitchen';
import type { OrderCancelledEvent } from '@pizza/contracts-order';
import { EventPublisher } from '@pizza/transport';
import { randomUUID } from 'node:crypto';
import { TICKET_REPOSITORY, type TicketRecord, type TicketRepository } from './ticket.repository';
import { canCancelTicket, nextTicketStatus } from './ticket.state-machine';

const toDto = ({ customerId: _customerId, ...t }: TicketRecord): TicketDto => t;

@Injectable()
export class Kitchen {
  constructor(
    @Inject(TICKET_REPOSITORY) private readonly tickets: TicketRepository,
    private readonly events: EventPublisher<KitchenEventMap>,
  ) {}

  /** The queue: the tickets still relevant to the kitchen (or those in `status`), oldest first, a page at a time. */
  async queue(principal: Principal, request: ListTicketsRequest = {}): Promise<Page<TicketDto>> {
    this.requireStaff(principal);
    const page = pageOf(await this.tickets.find(request.status ?? QUEUE_STATUSES, pageLimit(request) + 1, pagePosition(request)), request);
    return { items: page.items.map(toDto), next: page.next };
  }

  /**
   * One step along queued -> preparing -> baking -> ready. With `to`, only the step to `to`: a
   * ticket already there is answered as it is (the retry of an advance whose reply was lost), and
   * any other state is 409, so a retry never moves a ticket twice. A step is a conditional update:
   * two advances that read one state make one step (without `to`, the second is decided again on
   * the state the first left), and a ticket cancelled meanwhile stays cancelled.
   */
  async advance(principal: Principal, ticketId: string, meta: MessageMeta, to?: TicketStatus): Promise<TicketDto> {
    this.requireStaff(principal);
    // Each pass either ends or finds the ticket moved on by someone else; the lifecycle has no cycle.
    for (;;) {
      const ticket = await this.tickets.findById(ticketId);
      if (!ticket) throw new DomainError(KitchenErrors.TICKET_NOT_FOUND, `Ticket ${ticketId} not found`);
      if (to !== undefined && ticket.status === to) return toDto(ticket);
      const next = nextTicketStatus(ticket.status);
      if (!next || (to !== undefined && next !== to)) {
        throw new DomainError(KitchenErrors.INVALID_TRANSITION, `A ${ticket.status} ticket cannot be advanced${to ? ` to ${to}` : ''}`);
      }
      const advanced = await this.tickets.transition(ticketId, ticket.status, next, new Date().toISOString());
      if (!advanced) continue;
      void this.events.publish(KitchenEvents.TICKET_ADVANCED, { ticketId, orderId: ticket.orderId, status: next }, meta);
      return toDto(advanced);
    }
  }

  /** The kitchen part of an order view. Customers see only their own. */
  async find(principal: Principal, orderId: string): Promise<FindTicketResponse> {
    const t = await this.tickets.findByOrder(orderId);
    if (!t || !(t.customerId === principal.sub || hasRole(principal, Role.STAFF, Role.ADMIN))) return { ticket: null };
    return { ticket: { ticketId: t.id, status: t.status } };
  }

  /** A paid order becomes a queued ticket, once, however often the event arrives. */
  async onPaymentSucceeded(event: PaymentSucceededEvent): Promise<void> {
    // add is the check: it saves nothing for an order that already has a ticket, a cancelled one included.
    const now = new Date().toISOString();
    await this.tickets.add({
      id: randomUUID(),
      orderId: event.orderId,
      customerId: event.customerId,
      status: TicketStatus.QUEUED,
      items: event.items.map((i) => ({ ...i })),
      createdAt: now,
      updatedAt: now,
    });
  }

  /**
   * order-service asks this before it cancels an order, as the kitchen alone knows whether the pizza
   * is in the oven: the ticket is dropped, or refused (409) once it is baking or ready. Asked twice,
   * it answers the cancelled ticket. The order's customer or staff only. A ticket dropped now is
   * also announced (ticket.cancelled): should this reply be lost, order-service still finishes the
   * cancel, so a customer is never left with a paid order the kitchen will not make.
   */
  async cancelForOrder(principal: Principal, orderId: string, meta: MessageMeta): Promise<CancelOrderTicketResponse> {
    const existing = await this.tickets.findByOrder(orderId);
    if (existing && !(existing.customerId === principal.sub || hasRole(principal, Role.STAFF, Role.ADMIN))) {
      throw new DomainError(KitchenErrors.TICKET_NOT_FOUND, `No ticket for order ${orderId}`);
    }
    const { ticket: t, dropped } = await this.drop(orderId, existing?.customerId ?? principal.sub);
    if (t.status !== TicketStatus.CANCELLED) {
      throw new DomainError(KitchenErrors.INVALID_TRANSITION, `The pizza is already in the oven (${t.status})`);
    }
    if (dropped) void this.events.publish(KitchenEvents.TICKET_CANCELLED, { ticketId: t.id, orderId }, { requestId: meta.requestId });
    return { ticket: { ticketId: t.id, status: t.status } };
  }

  /** The same, when order.cancelled arrives (the order's own cancel asked first; this is the fallback). */
  async onOrderCancelled(event: OrderCancelledEvent): Promise<void> {
    await this.drop(event.orderId, event.customerId);
  }

  /**
   * Cancels the order's ticket unless the pizza is in the oven; returns the ticket as it is then, and
   * whether this call dropped it. An order with no ticket yet gets a cancelled one: its
   * payment.succeeded, if it still comes (events from two services arrive in any order), then queues nothing.
   */
  private async drop(orderId: string, customerId: string): Promise<{ ticket: TicketRecord; dropped: boolean }> {
    // Each pass either ends or finds the ticket made or moved by someone else; the lifecycle has no cycle.
    for (;;) {
      const t = await this.tickets.findByOrder(orderId);
      if (!t) {
        const now = new Date().toISOString();
        const tombstone: TicketRecord = { id: randomUUID(), orderId, customerId, status: TicketStatus.CANCELLED, items: [], createdAt: now, updatedAt: now };
        if (await this.tickets.add(tombstone)) return { ticket: tombstone, dropped: true };
        continue;
      }
      // Already cancelled, or in the oven: nothing to do, and the caller reads which from the ticket.
      if (!canCancelTicket(t.status)) return { ticket: t, dropped: false };
      const cancelled = await this.tickets.transition(t.id, t.status, TicketStatus.CANCELLED, new Date().toISOString());
      if (cancelled) return { ticket: cancelled, dropped: true };
    }
  }

  /** Defence in depth: the gateway checks roles, the kitchen checks them again. */
  private requireStaff(principal: Principal): void {
    if (!hasRole(principal, Role.STAFF, Role.ADMIN)) {
      throw new DomainError(CommonErrors.FORBIDDEN, 'Kitchen staff only');
    }
  }
}
