import { Injectable } from '@nestjs/common';
import type { OrderDto } from '@pizza/contracts-order';
import type { OrderRepository } from './order.repository';

const copy = (o: OrderDto): OrderDto => ({ ...o, items: o.items.map((i) => ({ ...i })) });

@Injectable()
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, OrderDto>();

  async save(order: OrderDto): Promise<void> {
    this.orders.set(order.id, copy(order));
  }

  async findById(id: string): Promise<OrderDto | undefined> {
    const o = this.orders.get(id);
    return o && copy(o);
  }

  async findByCustomer(customerId: string): Promise<OrderDto[]> {
    return [...this.orders.values()]
      .filter((o) => o.customerId === customerId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(copy);
  }
}
