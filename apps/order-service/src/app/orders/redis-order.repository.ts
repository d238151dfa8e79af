import { positionText, type IdempotencyMeta, type ListPosition } from '@pizza/contracts-common';
import type { OrderDto, OrderStatus } from '@pizza/contracts-order';
import { RedisRecords, type RedisConnection } from '@pizza/redis';
import type { KeyedOrder, OrderRepository } from './order.repository';

/**
 * Saves the order (KEYS[1] <- ARGV[1]), indexes it under its customer (KEYS[2], member ARGV[2]) and
 * records the key (field ARGV[4] of the customer's keys, KEYS[3] <- ARGV[3]) unless the key is
 * recorded already: then nothing is written and the key's record is returned. One step: the unique
 * index on (customer, key).
 */
const SAVE_KEYED = `
local prior = redis.call('HGET', KEYS[3], ARGV[4])
if prior then return prior end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 0, ARGV[2])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[3])
return false`;

interface KeyRecord {
  orderId: string;
  idempotency: IdempotencyMeta;
}

/**
 * Orders in Redis (DATA_REDIS_URL), shared by every order-service instance:
 * `order:id:<id>` the order, `order:by-customer:<customerId>` its customer's listing (newest first
 * read backwards), `order:keys:<customerId>` the orders the customer's Idempotency-Keys placed, by
 * key (a hash field: the key is matched exactly, whatever characters it and the customer id hold).
 */
export class RedisOrderRepository implements OrderRepository {
  private readonly records: RedisRecords;

  constructor(redis: RedisConnection, prefix = 'order:') {
    this.records = new RedisRecords(redis, prefix, 'orders');
  }

  async save(order: OrderDto): Promise<void> {
    const json = JSON.stringify(order);
    await this.records.run((c) => c.multi().set(this.orderKey(order.id), json).zAdd(this.byCustomer(order.customerId), { score: 0, value: positionText(order) }).exec());
  }

  findById(id: string): Promise<OrderDto | undefined> {
    return this.records.get<OrderDto>(this.orderKey(id));
  }

  async findByCustomer(customerId: string, limit: number, after?: ListPosition): Promise<OrderDto[]> {
    const [ids] = await this.records.listings([this.byCustomer(customerId)], limit, { after, newestFirst: true });
    return this.records.getMany<OrderDto>(ids.map((id) => this.orderKey(id)));
  }

  async findByKey(customerId: string, key: string): Promise<KeyedOrder | undefined> {
    const raw = await this.records.run((c) => c.hGet(this.keysOf(customerId), key));
    return raw === null ? undefined : this.keyed(JSON.parse(raw) as KeyRecord);
  }

  async saveKeyed(order: OrderDto, idempotency: IdempotencyMeta): Promise<KeyedOrder> {
    const entry: KeyRecord = { orderId: order.id, idempotency };
    const prior = await this.records.run((c) =>
      c.eval(SAVE_KEYED, {
        keys: [this.orderKey(order.id), this.byCustomer(order.customerId), this.keysOf(order.customerId)],
        arguments: [JSON.stringify(order), positionText(order), JSON.stringify(entry), idempotency.key],
      }),
    );
    if (typeof prior !== 'string') return { order, idempotency };
    const won = await this.keyed(JSON.parse(prior) as KeyRecord);
    if (!won) throw new Error(`the order of Idempotency-Key ${idempotency.key} is missing`);
    return won;
  }

  transition(id: string, from: OrderStatus, to: OrderStatus, at: string): Promise<OrderDto | undefined> {
    return this.records.update<OrderDto>(this.orderKey(id), (current) => (current.status === from ? { next: { ...current, status: to, updatedAt: at } } : undefined));
  }

  private async keyed(entry: KeyRecord): Promise<KeyedOrder | undefined> {
    const order = await this.findById(entry.orderId);
    return order && { order, idempotency: entry.idempotency };
  }

  private orderKey(id: string): string {
    return this.records.key('id', id);
  }

  private byCustomer(customerId: string): string {
    return this.records.key('by-customer', customerId);
  }

  private keysOf(customerId: string): string {
    return this.records.key('keys', customerId);
  }
}
