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
  /** Charges declined so far: the attempt after each is a new one to the provider (its own idempotency key). */
  declines?: number;
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
  /**
   * Takes the order's payment lease for `ms`, unless someone holds it: a token to release it with,
   * or undefined. Charges and refunds of one order run one at a time, whichever instance runs them
   * (a database: a row lock, or a lease row with an expiry); a holder that dies frees it after `ms`.
   */
  lease(orderId: string, ms: number): Promise<string | undefined>;
  /** Extends the lease to `ms` from now, if `token` still holds it: whether it did. */
  renew(orderId: string, token: string, ms: number): Promise<boolean>;
  /** Gives the lease back, if `token` still holds it (it may have expired and been taken since). */
  release(orderId: string, token: string): Promise<void>;
  /** Records that the order was cancelled. Kept: a charge or an order.created may still come after it. */
  markCancelled(orderId: string): Promise<void>;
  isCancelled(orderId: string): Promise<boolean>;
}

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');
