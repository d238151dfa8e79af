import type { EmptyRequest, PingResponse } from '@pizza/contracts-common';
import type { BillingEvents, BillingPatterns } from './billing.patterns';
import type { PaymentRefundedEvent, PaymentSucceededEvent } from './billing.events';
import type { ChargePaymentRequest } from './charge-payment.request';
import type { FindPaymentRequest, FindPaymentResponse } from './find-payment.request';
import type { PaymentDto } from './payment.dto';

export interface BillingPatternMap {
  [BillingPatterns.CHARGE_PAYMENT]: { request: ChargePaymentRequest; response: PaymentDto };
  [BillingPatterns.FIND_PAYMENT]: { request: FindPaymentRequest; response: FindPaymentResponse };
  [BillingPatterns.PING]: { request: EmptyRequest; response: PingResponse };
}

export interface BillingEventMap {
  [BillingEvents.PAYMENT_SUCCEEDED]: PaymentSucceededEvent;
  [BillingEvents.PAYMENT_REFUNDED]: PaymentRefundedEvent;
}
