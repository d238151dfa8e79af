import { Injectable } from '@nestjs/common';
import { comparePositions, type IdempotencyMeta, type ListPosition } from '@pizza/contracts-common';
import type { OrderDto, OrderStatus } from '@pizza/contracts-order';
import type { KeyedOrder, OrderRepository } from './order.repository';

const copy = (o: OrderDto): OrderDto => ({ ...o, items: o.items.map((i) => ({ ...i })) });
const newestFirst = (a: ListPosition, b: ListPosition): number => comparePositions(b, a);

@Injectable()
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, OrderDto>();
  /** `customer key` -> the order placed with it. */
  private readonly keys = new Map<string, { orderId: string; idempotency: IdempotencyMeta }>();

  async save(order: OrderDto): Promise<void> {
    this.orders.set(order.id, copy(order));
  }

  async findById(id: string): Promise<OrderDto | undefined> {
    const o = this.orders.get(id);
    return o && copy(o);
  }

  async findByCustomer(customerId: string, limit: number, after?: ListPosition): Promise<OrderDto[]> {
    return [...this.orders.values()]
      .filter((o) => o.customerId === customerId && (!after || newestFirst(after, o) < 0))
      .sort(newestFirst)
      .slice(0, limit)
      .map(copy);
  }

  async findByKey(customerId: string, key: string): Promise<KeyedOrder | undefined> {
    return this.keyed(customerId, key);
  }

  async saveKeyed(order: OrderDto, idempotency: IdempotencyMeta): Promise<KeyedOrder> {
    // No await between the check and the write: this is the unique index.
    const prior = this.keyed(order.customerId, idempotency.key);
    if (prior) return prior;
    this.keys.set(`${order.customerId} ${idempotency.key}`, { orderId: order.id, idempotency: { ...idempotency } });
    this.orders.set(order.id, copy(order));
    return { order: copy(order), idempotency: { ...idempotency } };
  }

  async transition(id: string, from: OrderStatus, to: OrderStatus, at: string): Promise<OrderDto | undefined> {
    // No await between the check and the write: this is the conditional update.
    const current = this.orders.get(id);
    if (current?.status !== from) return undefined;
    const next = { ...copy(current), status: to, updatedAt: at };
    this.orders.set(id, next);
    return copy(next);
  }

  private keyed(customerId: string, key: string): KeyedOrder | undefined {
    const entry = this.keys.get(`${customerId} ${key}`);
    const order = entry && this.orders.get(entry.orderId);
    return entry && order && { order: copy(order), idempotency: { ...entry.idempotency } };
  }
}
