export const PaymentStatus = {
  /** The order exists and nothing has been charged yet. */
  PENDING: 'pending',
  /** The last attempt was declined; the customer may try another card. */
  DECLINED: 'declined',
  SUCCEEDED: 'succeeded',
  REFUNDED: 'refunded',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];
