import type { IdempotencyMeta } from '@pizza/contracts-common';
import type { OrderDto } from '@pizza/contracts-order';

/** An order placed with a client's Idempotency-Key, and the request it was placed for. */
export interface KeyedOrder {
  order: OrderDto;
  idempotency: IdempotencyMeta;
}

/** The order service's own data. In memory today; a database adapter implements the same port. */
export interface OrderRepository {
  save(order: OrderDto): Promise<void>;
  findById(id: string): Promise<OrderDto | undefined>;
  findByCustomer(customerId: string): Promise<OrderDto[]>;
  /** The order the customer placed with this key, if any. */
  findByKey(customerId: string, key: string): Promise<KeyedOrder | undefined>;
  /**
   * Saves a new order placed with a key, unless its customer already placed one with that key:
   * then nothing is saved and that one is returned. Atomic (a database: a unique index on
   * customer and key), so two requests racing with one key make one order.
   */
  saveKeyed(order: OrderDto, idempotency: IdempotencyMeta): Promise<KeyedOrder>;
}

export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');
