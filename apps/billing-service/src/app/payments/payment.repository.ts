import type { PaymentStatus } from '@pizza/contracts-billing';

export interface PaymentRecord {
  id: string;
  orderId: string;
  customerId: string;
  status: PaymentStatus;
  amountCents: number;
  currency: string;
  chargeId?: string;
  updatedAt: string;
}

/** One payment record per order. In memory today; a database adapter implements the same port. */
export interface PaymentRepository {
  save(payment: PaymentRecord): Promise<void>;
  findByOrder(orderId: string): Promise<PaymentRecord | undefined>;
}

export const PAYMENT_REPOSITORY = Symbol('PAYMENT_REPOSITORY');
