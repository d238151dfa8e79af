import type { IdempotencyMeta, ListPosition } from '@pizza/contracts-common';
import type { OrderDto, OrderStatus } from '@pizza/contracts-order';

/** An order placed with a client's Idempotency-Key, and the request it was placed for. */
export interface KeyedOrder {
  order: OrderDto;
  idempotency: IdempotencyMeta;
}

/** The order service's own data. In memory today; a database adapter implements the same port. */
export interface OrderRepository {
  save(order: OrderDto): Promise<void>;
  findById(id: string): Promise<OrderDto | undefined>;
  /**
   * The customer's orders, newest first (createdAt, then id, descending), those after `after` only,
   * at most `limit` (a database: `WHERE customer_id = $1 AND (created_at, id) < ($2, $3) ORDER BY
   * created_at DESC, id DESC LIMIT $4`, on an index of those columns).
   */
  findByCustomer(customerId: string, limit: number, after?: ListPosition): Promise<OrderDto[]>;
  /** The order the customer placed with this key, if any. */
  findByKey(customerId: string, key: string): Promise<KeyedOrder | undefined>;
  /**
   * Saves a new order placed with a key, unless its customer already placed one with that key:
   * then nothing is saved and that one is returned. Atomic (a database: a unique index on
   * customer and key), so two requests racing with one key make one order.
   */
  saveKeyed(order: OrderDto, idempotency: IdempotencyMeta): Promise<KeyedOrder>;
  /**
   * Moves an order from `from` to `to`, only if it is still `from`: returns the order as saved, or
   * undefined when it was no longer `from` (another request or event moved it meanwhile). Atomic
   * (a database: `UPDATE ... WHERE id = ? AND status = ?`), so two changes that read the same state
   * cannot both apply: a cancel never overwrites the kitchen's `baking`, and two cancels are one.
   */
  transition(id: string, from: OrderStatus, to: OrderStatus, at: string): Promise<OrderDto | undefined>;
}

export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');
