export const OrderStatus = {
  AWAITING_PAYMENT: 'awaiting_payment',
  PAID: 'paid',
  PREPARING: 'preparing',
  BAKING: 'baking',
  READY: 'ready',
  CANCELLED: 'cancelled',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
