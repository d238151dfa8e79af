import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PaymentRecord, PaymentRepository } from './payment.repository';

@Injectable()
export class InMemoryPaymentRepository implements PaymentRepository {
  private readonly byOrder = new Map<string, PaymentRecord>();
  private readonly leases = new Map<string, { token: string; until: number }>();
  private readonly cancelled = new Set<string>();

  async save(payment: PaymentRecord): Promise<void> {
    this.byOrder.set(payment.orderId, { ...payment });
  }

  // No await between a check and its write in any of these.
  async open(payment: PaymentRecord): Promise<boolean> {
    if (this.byOrder.has(payment.orderId)) return false;
    this.byOrder.set(payment.orderId, { ...payment });
    return true;
  }

  async findByOrder(orderId: string): Promise<PaymentRecord | undefined> {
    const p = this.byOrder.get(orderId);
    return p && { ...p };
  }

  async lease(orderId: string, ms: number): Promise<string | undefined> {
    const held = this.leases.get(orderId);
    if (held && held.until > Date.now()) return undefined;
    const token = randomUUID();
    this.leases.set(orderId, { token, until: Date.now() + ms });
    return token;
  }

  async renew(orderId: string, token: string, ms: number): Promise<boolean> {
    const held = this.leases.get(orderId);
    if (held?.token !== token || held.until <= Date.now()) return false;
    held.until = Date.now() + ms;
    return true;
  }

  async release(orderId: string, token: string): Promise<void> {
    if (this.leases.get(orderId)?.token === token) this.leases.delete(orderId);
  }

  async markCancelled(orderId: string): Promise<void> {
    this.cancelled.add(orderId);
  }

  async isCancelled(orderId: string): Promise<boolean> {
    return this.cancelled.has(orderId);
  }
}
