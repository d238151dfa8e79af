import type { EmptyRequest, Page, PageRequest, PingResponse } from '@pizza/contracts-common';
import type { CreateOrderRequest } from './create-order.request';
import type { OrderIdRequest } from './order-id.request';
import type { OrderDto } from './order.dto';
import type { OrderCancelledEvent, OrderCreatedEvent } from './order.events';
import type { OrderEvents, OrderPatterns } from './order.patterns';

export interface OrderPatternMap {
  [OrderPatterns.CREATE_ORDER]: { request: CreateOrderRequest; response: OrderDto };
  /** The principal's orders, newest first, a page at a time. */
  [OrderPatterns.LIST_ORDERS]: { request: PageRequest; response: Page<OrderDto> };
  [OrderPatterns.GET_ORDER]: { request: OrderIdRequest; response: OrderDto };
  [OrderPatterns.CANCEL_ORDER]: { request: OrderIdRequest; response: OrderDto };
  [OrderPatterns.PING]: { request: EmptyRequest; response: PingResponse };
}

export interface OrderEventMap {
  [OrderEvents.ORDER_CREATED]: OrderCreatedEvent;
  [OrderEvents.ORDER_CANCELLED]: OrderCancelledEvent;
}
