export { CreateOrderRequest, MAX_LINE_QUANTITY, MAX_ORDER_LINES, OrderLineInput } from './lib/create-order.request';
export { OrderIdRequest } from './lib/order-id.request';
export { OrderStatus } from './lib/order-status';
export { OrderDto, OrderLineDto } from './lib/order.dto';
export { OrderErrors } from './lib/order.errors';
export { OrderCancelledEvent, OrderCreatedEvent } from './lib/order.events';
export type { OrderEventMap, OrderPatternMap } from './lib/order.pattern-map';
export { OrderEvents, OrderPatterns } from './lib/order.patterns';
export { OrderService } from './lib/order.service-descriptor';
