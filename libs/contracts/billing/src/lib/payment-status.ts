export const PaymentStatus = {
  /** The order exists and nothing has been charged yet. */
  PENDING: 'pending',
  /** The last attempt was declined; the customer may try another card. */
  DECLINED: 'declined',
  SUCCEEDED: 'succeeded',
  REFUNDED: 'refunded',
  /** The order was cancelled before it was paid: nothing is due, and it can no longer be paid. */
  CANCELLED: 'cancelled',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];
