import { RedisRecords, type RedisConnection } from '@pizza/redis';
import { randomUUID } from 'node:crypto';
import type { PaymentRecord, PaymentRepository } from './payment.repository';

/** Deletes the lease KEYS[1] only if it still holds the releaser's token ARGV[1]. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Sets the lease KEYS[1] to expire ARGV[2] ms from now only if it still holds the holder's token ARGV[1]. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * Payments in Redis (DATA_REDIS_URL), shared by every billing-service instance:
 * `billing:payment:<orderId>` the payment, `billing:lease:<orderId>` the lease of a charge or refund
 * running on some instance (expires on its own), `billing:cancelled:<orderId>` the order's cancel.
 */
export class RedisPaymentRepository implements PaymentRepository {
  private readonly records: RedisRecords;

  constructor(redis: RedisConnection, prefix = 'billing:') {
    this.records = new RedisRecords(redis, prefix, 'payments');
  }

  async save(payment: PaymentRecord): Promise<void> {
    await this.records.run((c) => c.set(this.records.key('payment', payment.orderId), JSON.stringify(payment)));
  }

  async open(payment: PaymentRecord): Promise<boolean> {
    const created = await this.records.run((c) => c.set(this.records.key('payment', payment.orderId), JSON.stringify(payment), { condition: 'NX' }));
    return created === 'OK';
  }

  findByOrder(orderId: string): Promise<PaymentRecord | undefined> {
    return this.records.get<PaymentRecord>(this.records.key('payment', orderId));
  }

  async lease(orderId: string, ms: number): Promise<string | undefined> {
    const token = randomUUID();
    const taken = await this.records.run((c) => c.set(this.records.key('lease', orderId), token, { condition: 'NX', expiration: { type: 'PX', value: ms } }));
    return taken === 'OK' ? token : undefined;
  }

  async renew(orderId: string, token: string, ms: number): Promise<boolean> {
    return (await this.records.run((c) => c.eval(RENEW, { keys: [this.records.key('lease', orderId)], arguments: [token, String(ms)] }))) === 1;
  }

  async release(orderId: string, token: string): Promise<void> {
    await this.records.run((c) => c.eval(RELEASE, { keys: [this.records.key('lease', orderId)], arguments: [token] }));
  }

  async markCancelled(orderId: string): Promise<void> {
    await this.records.run((c) => c.set(this.records.key('cancelled', orderId), '1'));
  }

  async isCancelled(orderId: string): Promise<boolean> {
    return (await this.records.run((c) => c.exists(this.records.key('cancelled', orderId)))) === 1;
  }
}
