export const OrderPatterns = {
  CREATE_ORDER: 'order.order.create',
  LIST_ORDERS: 'order.order.list',
  GET_ORDER: 'order.order.get',
  CANCEL_ORDER: 'order.order.cancel',
  PING: 'order.health.ping',
} as const;

export const OrderEvents = {
  ORDER_CREATED: 'order.created',
  ORDER_CANCELLED: 'order.cancelled',
} as const;
