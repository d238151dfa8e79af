import type { PaymentStatus } from './payment-status';

export class PaymentDto {
  id!: string;
  orderId!: string;
  status!: PaymentStatus;
  amountCents!: number;
  currency!: string;
  updatedAt!: string;
}
