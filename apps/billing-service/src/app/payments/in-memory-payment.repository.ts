import { Injectable } from '@nestjs/common';
import type { PaymentRecord, PaymentRepository } from './payment.repository';

@Injectable()
export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly byOrder = new Map<string, PaymentRecord>();

  async save(payment: PaymentRecord): Promise<void> {
    this.byOrder.set(payment.orderId, { ...payment });
  }

  async open(payment: PaymentRecord): Promise<boolean> {
    // No await between the check and the write.
    if (this.byOrder.has(payment.orderId)) return false;
    this.byOrder.set(payment.orderId, { ...payment });
    return true;
  }

  async findByOrder(orderId: string): Promise<PaymentRecord | undefined> {
    const p = this.byOrder.get(orderId);
    return p && { ...p };
  }
}
