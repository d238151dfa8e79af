import type { PaymentStatus } from '@pizza/contracts-billing';
import type { IdempotencyMeta } from '@pizza/contracts-common';

export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string;
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  chargeId?: string;
  /** The client's Idempotency-Key of the charge that succeeded, if it sent one. */
  idempotency?: IdempotencyMeta;
  updatedAt: string;
}

/** One payment record per order. In memory today; a database adapter implements the same port. */
export interface PaymentRepository {
  save(payment: PaymentRecord): Promise<void>;
  /**
   * Saves a payment only if its order has none yet (a database: `INSERT ... ON CONFLICT DO NOTHING`):
   * a late order.created never overwrites a charge that got there first.
   */
  open(payment: PaymentRecord): Promise<boolean>;
  findByOrder(orderId: string): Promise<PaymentRecord | undefined>;
}

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');
