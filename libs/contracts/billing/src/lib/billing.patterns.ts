export const BillingPatterns = {
  CHARGE_PAYMENT: 'billing.payment.charge',
  FIND_PAYMENT: 'billing.payment.find',
  PING: 'billing.health.ping',
} as const;

export const BillingEvents = {
  PAYMENT_SUCCEEDED: 'payment.succeeded',
  PAYMENT_REFUNDED: 'payment.refunded',
} as const;
