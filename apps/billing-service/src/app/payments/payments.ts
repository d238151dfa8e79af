import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BillingErrors,
  BillingEvents,
  PaymentStatus,
  type BillingEventMap,
  type ChargePaymentRequest,
  type FindPaymentResponse,
  type PaymentDto,
} from '@pizza/contracts-billing';
import { DomainError, hasRole, keyReused, Role, type MessageMeta, type Principal } from '@pizza/contracts-common';
import {
  OrderErrors,
  OrderPatterns,
  OrderService,
  OrderStatus,
  type OrderCancelledEvent,
  type OrderCreatedEvent,
  type OrderPatternMap,
} from '@pizza/contracts-order';
import { EventPublisher, InjectRpcClient, RpcClient } from '@pizza/transport';
import { randomUUID } from 'node:crypto';
import { CARD_PROCESSOR, type CardProcessor } from './card-processor';
import { PAYMENT_REPOSITORY, type PaymentRecord } from './payment.repository';
import type { PaymentRepository } from './payment.repository';

const toDto = (p: PaymentRecord): PaymentDto => ({
  id: p.id,
  orderId: p.orderId,
  status: p.status,
  amountCents: p.amountCents,
  currency: p.currency,
  updatedAt: p.updatedAt,
});

/**
 * The term of an order's lease, renewed every third of it while its holder works (a charge waits on
 * the order service and the card processor, however long they take): an instance that dies holding
 * it blocks that order's next payment attempt (409 IN_PROGRESS) this long at most.
 */
export const PAYMENT_LEASE_MS = 5_000;

/**
 * Payments of orders. Every instance of the service may take any command or event, so what must
 * happen one at a time per order (a charge, a refund, settling a cancel) takes the order's lease
 * in the repository, not a lock of this process; an order's cancel is recorded there too.
 */
@Injectable()
export class Payments {
  private readonly logger = new Logger('Payments');

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(CARD_PROCESSOR) private readonly processor: CardProcessor,
    @InjectRpcClient(OrderService) private readonly orders: RpcClient<OrderPatternMap>,
    private readonly events: EventPublisher<BillingEventMap>,
  ) {}

  /**
   * With an Idempotency-Key (meta.idempotency), the retry of a charge that went through, even one
   * whose reply was lost, gets that payment back rather than ALREADY_PAID; another request under
   * the key is refused. A second charge of the order while one runs is refused, never doubled.
   */
  async charge(principal: Principal, request: ChargePaymentRequest, meta: MessageMeta): Promise<PaymentDto> {
    const { orderId } = request;
    const lease = await this.payments.lease(orderId, PAYMENT_LEASE_MS);
    if (!lease) throw new DomainError(BillingErrors.IN_PROGRESS, 'A payment for this order is already in progress');
    try {
      return await this.holding(orderId, lease, () => this.chargeHolding(principal, request, meta));
    } finally {
      await this.payments.release(orderId, lease).catch((err: Error) => this.logger.warn(`the payment lease of order ${orderId} was not released (it lapses in ${PAYMENT_LEASE_MS} ms): ${err.message}`));
      // Cancelled while this ran: however it ended (declined, refused as not payable), nothing is due now.
      // A store that fails here must not replace how the charge ended: the payment stays as it was, and that is logged.
      await this.settleIfCancelled(orderId).catch((err: Error) => this.logger.warn(`the payment of cancelled order ${orderId} was not settled: ${err.message}`));
    }
  }

  /**
   * Runs `work` under the order's lease, renewed every third of its term until `work` ends, so a
   * charge that outlasts one term is not joined by another. A renewal the store refuses or fails is
   * logged: `work` (a card charge under way) cannot be called back.
   */
  private async holding<T>(orderId: string, lease: string, work: () => Promise<T>): Promise<T> {
    const renew = () =>
      this.payments.renew(orderId, lease, PAYMENT_LEASE_MS).then(
        (held) => held || this.logger.warn(`the payment lease of order ${orderId} lapsed while its holder worked`),
        (err: Error) => this.logger.warn(`the payment lease of order ${orderId} was not renewed: ${err.message}`),
      );
    const renewing = setInterval(() => void renew(), PAYMENT_LEASE_MS / 3).unref();
    try {
      return await work();
    } finally {
      clearInterval(renewing);
    }
  }

  private async chargeHolding(principal: Principal, request: ChargePaymentRequest, meta: MessageMeta): Promise<PaymentDto> {
    const { orderId } = request;
    const existing = await this.payments.findByOrder(orderId);
    // To anyone but its customer, an order with a payment does not exist either.
    if (existing && existing.customerId !== principal.sub) throw notFound(orderId);
    const key = meta.idempotency;
    if (key && existing?.idempotency?.key === key.key) {
      if (existing.idempotency.fingerprint !== key.fingerprint) throw keyReused();
      return toDto(existing);
    }
    if (existing?.status === PaymentStatus.SUCCEEDED) throw alreadyPaid();
    // The order service is the source of truth for owner, amount and state; it checks the caller too.
    const order = await this.orders.send(OrderPatterns.GET_ORDER, { orderId }, { meta });
    if (order.customerId !== principal.sub) throw notFound(orderId);
    if (order.status === OrderStatus.CANCELLED || existing?.status === PaymentStatus.REFUNDED || existing?.status === PaymentStatus.CANCELLED) {
      throw new DomainError(BillingErrors.ORDER_NOT_PAYABLE, 'A cancelled order cannot be paid');
    }
    if (order.status !== OrderStatus.AWAITING_PAYMENT) throw alreadyPaid();

    const record: PaymentRecord = existing ?? {
      id: randomUUID(),
      orderId,
      customerId: order.customerId,
      status: PaymentStatus.PENDING,
      amountCents: order.totalCents,
      currency: order.currency,
      updatedAt: new Date().toISOString(),
    };
    // One key per attempt at the payment: a second attempt before the first has ended (its lease
    // lapsed under a frozen first one) gets the first's charge; one after a decline is new.
    const declines = record.declines ?? 0;
    const result = await this.processor.charge(request.cardToken, order.totalCents, order.currency, `charge:${orderId}:${declines}`);
    if (!result.approved) {
      await this.payments.save({ ...record, status: PaymentStatus.DECLINED, declines: declines + 1, updatedAt: new Date().toISOString() });
      throw new DomainError(BillingErrors.DECLINED, `Payment declined: ${result.reason}`);
    }
    const paid: PaymentRecord = {
      ...record,
      amountCents: order.totalCents,
      status: PaymentStatus.SUCCEEDED,
      chargeId: result.chargeId,
      ...(key ? { idempotency: key } : {}),
      updatedAt: new Date().toISOString(),
    };
    await this.payments.save(paid);
    // Cancelled while the charge ran: refunded, and never announced as paid (the kitchen would queue it).
    if (await this.payments.isCancelled(orderId)) return toDto((await this.refundHolding(orderId, meta)) ?? paid);
    void this.events.publish(
      BillingEvents.PAYMENT_SUCCEEDED,
      {
        paymentId: paid.id,
        orderId,
        customerId: paid.customerId,
        amountCents: paid.amountCents,
        currency: paid.currency,
        items: order.items.map((i) => ({ pizzaId: i.pizzaId, name: i.name, quantity: i.quantity })),
      },
      meta,
    );
    return toDto(paid);
  }

  /** The payment part of an order view. Customers see only their own. */
  async find(principal: Principal, orderId: string): Promise<FindPaymentResponse> {
    const p = await this.payments.findByOrder(orderId);
    if (!p || !(p.customerId === principal.sub || hasRole(principal, Role.STAFF, Role.ADMIN))) return { payment: null };
    return { payment: { status: p.status, amountCents: p.amountCents } };
  }

  /** Opens a pending payment, so an order view shows what is due before anything is charged. */
  async onOrderCreated(event: OrderCreatedEvent): Promise<void> {
    await this.payments.open({
      id: randomUUID(),
      orderId: event.orderId,
      customerId: event.customerId,
      status: PaymentStatus.PENDING,
      amountCents: event.totalCents,
      currency: event.currency,
      updatedAt: new Date().toISOString(),
    });
    // Over NATS events are not ordered: the order's cancel may have come first.
    await this.settleIfCancelled(event.orderId);
  }

  /**
   * A paid order that is cancelled is refunded; one that was not (pending, or its card declined)
   * owes nothing any more, and its payment says so. A charge running meanwhile settles it when
   * it ends (refunded if it went through).
   */
  async onOrderCancelled(event: OrderCancelledEvent): Promise<void> {
    await this.payments.markCancelled(event.orderId);
    await this.settleIfCancelled(event.orderId);
  }

  /**
   * Settles the payment of a cancelled order under its lease: refunded if it went through, cancelled
   * if nothing was charged. Each step records what it knows before it looks at the rest (the cancel
   * before reading the payment, the payment before reading the cancel), and every holder of the
   * lease calls this once it lets go: whichever instance ran each step, and in whatever order, one
   * of them sees both and settles the order. A step that finds the lease taken leaves it to the
   * holder, and looks again once the lease would have lapsed: a holder that died (its instance
   * killed mid-charge) never lets go, and a paid order must not stay unrefunded for it.
   */
  private async settleIfCancelled(orderId: string): Promise<void> {
    if (!(await this.payments.isCancelled(orderId))) return;
    if (!unsettled(await this.payments.findByOrder(orderId))) return;
    const lease = await this.payments.lease(orderId, PAYMENT_LEASE_MS);
    if (!lease) {
      this.lookAgainLater(orderId);
      return;
    }
    try {
      await this.holding(orderId, lease, async () => {
        const p = await this.payments.findByOrder(orderId);
        if (p?.status === PaymentStatus.SUCCEEDED) await this.refundHolding(orderId, {});
        else if (unsettled(p)) await this.payments.save({ ...p, status: PaymentStatus.CANCELLED, updatedAt: new Date().toISOString() });
      });
    } finally {
      await this.payments.release(orderId, lease);
    }
  }

  /** Settles the order once a lease taken now would have lapsed (a timer that does not hold the process open). */
  private lookAgainLater(orderId: string): void {
    setTimeout(() => {
      this.settleIfCancelled(orderId).catch((err: Error) => this.logger.warn(`the payment of cancelled order ${orderId} was not settled: ${err.message}`));
    }, PAYMENT_LEASE_MS + 100).unref();
  }

  /** Refunds a succeeded payment; the caller holds the order's lease, so it happens once. */
  private async refundHolding(orderId: string, meta: MessageMeta): Promise<PaymentRecord | undefined> {
    // Read again: what asked may hold a record an earlier refund has since changed.
    const p = await this.payments.findByOrder(orderId);
    if (p?.status !== PaymentStatus.SUCCEEDED) return p;
    if (p.chargeId) await this.processor.refund(p.chargeId, p.amountCents);
    const refunded = { ...p, status: PaymentStatus.REFUNDED, updatedAt: new Date().toISOString() };
    await this.payments.save(refunded);
    this.logger.log(`refunded ${p.amountCents} ${p.currency} for order ${p.orderId}`);
    void this.events.publish(BillingEvents.PAYMENT_REFUNDED, { paymentId: p.id, orderId: p.orderId, amountCents: p.amountCents }, meta);
    return refunded;
  }
}

/** A payment that a cancel of its order still has to settle: charged (to refund), or due (to cancel). */
function unsettled(p: PaymentRecord | undefined): p is PaymentRecord {
  return p?.status === PaymentStatus.PENDING || p?.status === PaymentStatus.DECLINED || p?.status === PaymentStatus.SUCCEEDED;
}

function notFound(orderId: string): DomainError {
  return new DomainError(OrderErrors.NOT_FOUND, `Order ${orderId} not found`);
}

function alreadyPaid(): DomainError {
  return new DomainError(BillingErrors.ALREADY_PAID, 'This order has already been paid');
}
