import { IsUUID } from 'class-validator';
import type { PaymentStatus } from './payment-status';

export class FindPaymentRequest {
  @IsUUID('4')
  orderId!: string;
}

export class PaymentSummary {
  status!: PaymentStatus;
  amountCents!: number;
}

/** Wrapped, because a bare null is not a reply every transport carries. */
export interface FindPaymentResponse {
  payment: PaymentSummary | null;
}
