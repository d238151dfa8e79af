import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, hasRole, keyReused, onwardMeta, pageLimit, pageOf, pagePosition, Role, type MessageMeta, type Page, type PageRequest, type Principal } from '@pizza/contracts-common';
import { MenuPatterns, MenuService, type MenuPatternMap } from '@pizza/contracts-menu';
import { OrderErrors, OrderEvents, OrderStatus, type CreateOrderRequest, type OrderDto, type OrderEventMap } from '@pizza/contracts-order';
import type { PaymentSucceededEvent } from '@pizza/contracts-billing';
import { KitchenErrors, KitchenPatterns, KitchenService, type KitchenPatternMap, type TicketAdvancedEvent, type TicketCancelledEvent } from '@pizza/contracts-kitchen';
import { EventPublisher, InjectRpcClient, RpcClient, UpstreamError } from '@pizza/transport';
import { randomUUID } from 'node:crypto';
import { canCancel, canTransition, orderStatusForTicket } from './order.state-machine';
import { ORDER_REPOSITORY, type KeyedOrder, type OrderRepository } from './order.repository';
import { priceOrder } from './pricing';

/** The order use cases. Object-level rules are enforced here, not only at the gateway. */
@Injectable()
export class Orders {
  private readonly logger = new Logger('Orders');

  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @InjectRpcClient(MenuService) private readonly menu: RpcClient<MenuPatternMap>,
    @InjectRpcClient(KitchenService) private readonly kitchen: RpcClient<KitchenPatternMap>,
    private readonly events: EventPublisher<OrderEventMap>,
  ) {}

  /**
   * With an Idempotency-Key (meta.idempotency) a customer's retry gets the order the key already
   * placed, as it is now, even when the first reply was lost; another request under it is refused.
   */
  async create(principal: Principal, request: CreateOrderRequest, meta: MessageMeta): Promise<OrderDto> {
    const idempotency = meta.idempotency;
    if (idempotency) {
      const prior = await this.orders.findByKey(principal.sub, idempotency.key);
      if (prior) return replay(prior, meta);
    }
    const ids = request.items.map((i) => i.pizzaId);
    const { pizzas } = await this.menu.send(MenuPatterns.QUOTE_PIZZAS, { ids }, { meta: onwardMeta(meta) });
    const priced = priceOrder(request.items, pizzas);
    const now = new Date().toISOString();
    const order: OrderDto = {
      id: randomUUID(),
      status: OrderStatus.AWAITING_PAYMENT,
      customerId: principal.sub,
      ...priced,
      createdAt: now,
      updatedAt: now,
    };
    if (idempotency) {
      // A request with the same key that raced this one may have placed it first.
      const saved = await this.orders.saveKeyed(order, idempotency);
      if (saved.order.id !== order.id) return replay(saved, meta);
    } else {
      await this.orders.save(order);
    }
    // Not awaited: the customer's reply does not wait for subscribers to be reachable.
    void this.events.publish(
      OrderEvents.ORDER_CREATED,
      { orderId: order.id, customerId: order.customerId, totalCents: order.totalCents, currency: order.currency, createdAt: order.createdAt },
      meta,
    );
    return order;
  }

  /** The caller's orders, newest first, a page at a time; `next` says where the following page starts. */
  async list(principal: Principal, page: PageRequest): Promise<Page<OrderDto>> {
    return pageOf(await this.orders.findByCustomer(principal.sub, pageLimit(page) + 1, pagePosition(page)), page);
  }

  /** The owner, staff and admins may read an order; to anyone else it does not exist. */
  async get(principal: Principal, orderId: string): Promise<OrderDto> {
    const order = await this.orders.findById(orderId);
    if (!order || !(order.customerId === principal.sub || hasRole(principal, Role.STAFF, Role.ADMIN))) throw notFound(orderId);
    return order;
  }

  /**
   * Only the owner cancels, and only before the pizza goes into the oven: the kitchen is asked first,
   * as it alone knows (its ticket.advanced may still be on its way, or lost). A cancelled order is
   * answered as it is: a retry whose first reply was lost learns that the cancel took effect, and
   * nothing is announced (so refunded) twice. When the kitchen does not answer, nothing changes
   * (503/504) and the retry is safe.
   */
  async cancel(principal: Principal, orderId: string, meta: MessageMeta): Promise<OrderDto> {
    // Each pass either ends or finds the order moved on by someone else; the lifecycle has no cycle.
    for (;;) {
      const order = await this.orders.findById(orderId);
      if (!order || order.customerId !== principal.sub) throw notFound(orderId);
      if (order.status === OrderStatus.CANCELLED) return order;
      if (!canCancel(order.status)) throw tooLate(order.status);
      await this.kitchenDrops(orderId, meta);
      const cancelled = await this.orders.transition(orderId, order.status, OrderStatus.CANCELLED, new Date().toISOString());
      if (!cancelled) continue;
      this.announceCancelled(cancelled, order.status, meta);
      return cancelled;
    }
  }

  /** The kitchen drops the order's ticket (or makes sure none is queued), or says the pizza is in the oven. */
  private async kitchenDrops(orderId: string, meta: MessageMeta): Promise<void> {
    try {
      await this.kitchen.send(KitchenPatterns.CANCEL_ORDER_TICKET, { orderId }, { meta: onwardMeta(meta, { withPrincipal: true }) });
    } catch (err) {
      if (err instanceof UpstreamError && err.payload.code === KitchenErrors.INVALID_TRANSITION.code) throw tooLate('in the oven');
      throw err;
    }
  }

  async onPaymentSucceeded(event: PaymentSucceededEvent): Promise<void> {
    await this.follow(event.orderId, OrderStatus.PAID, 'payment.succeeded');
  }

  async onTicketAdvanced(event: TicketAdvancedEvent): Promise<void> {
    const target = orderStatusForTicket(event.status);
    if (target) await this.follow(event.orderId, target, `ticket ${event.status}`);
  }

  /**
   * The kitchen dropped the order's ticket at its cancel. Usually the cancel is done already; when
   * the kitchen's reply was lost (the customer got a 504), this finishes it, so a paid order the
   * kitchen will not make is refunded rather than left paid.
   */
  async onTicketCancelled(event: TicketCancelledEvent): Promise<void> {
    const moved = await this.follow(event.orderId, OrderStatus.CANCELLED, 'ticket.cancelled');
    if (moved) this.announceCancelled(moved.order, moved.from, {});
  }

  /** Billing refunds a paid order on it, the kitchen drops the ticket (if the cancel did not already). */
  private announceCancelled(order: OrderDto, previousStatus: OrderStatus, meta: MessageMeta): void {
    void this.events.publish(OrderEvents.ORDER_CANCELLED, { orderId: order.id, customerId: order.customerId, previousStatus }, meta);
  }

  /**
   * Events may arrive late or twice: apply a transition only when the state machine allows it.
   * Returns the order it moved, and from where; nothing when it moved nothing.
   */
  private async follow(orderId: string, target: OrderStatus, cause: string): Promise<{ order: OrderDto; from: OrderStatus } | undefined> {
    for (;;) {
      const order = await this.orders.findById(orderId);
      if (!order) {
        this.logger.warn(`${cause} for unknown order ${orderId}`);
        return undefined;
      }
      if (order.status === target) return undefined;
      if (!canTransition(order.status, target)) {
        this.logger.warn(`${cause} ignored: order ${orderId} is ${order.status}`);
        return undefined;
      }
      // Not applied when the order moved meanwhile (a cancel, say): decide again on what it is now.
      const moved = await this.orders.transition(orderId, order.status, target, new Date().toISOString());
      if (moved) return { order: moved, from: order.status };
    }
  }
}

function replay(prior: KeyedOrder, meta: MessageMeta): OrderDto {
  if (prior.idempotency.fingerprint !== meta.idempotency?.fingerprint) throw keyReused();
  return prior.order;
}

function tooLate(status: string): DomainError {
  return new DomainError(OrderErrors.INVALID_TRANSITION, `An order that is ${status} can no longer be cancelled`);
}

function notFound(orderId: string): DomainError {
  return new DomainError(OrderErrors.NOT_FOUND, `Order ${orderId} not found`);
}
