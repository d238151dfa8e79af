import type { OrderDto } from '@pizza/contracts-order';

/** The order service's own data. In memory today; a database adapter implements the same port. */
export interface OrderRepository {
  save(order: OrderDto): Promise<void>;
  findById(id: string): Promise<OrderDto | undefined>;
  findByCustomer(customerId: string): Promise<OrderDto[]>;
}

export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');
