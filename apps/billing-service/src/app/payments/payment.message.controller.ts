import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingPatterns, ChargePaymentRequest, FindPaymentRequest, type BillingPatternMap } from '@pizza/contracts-billing';
import { MessageMeta } from '@pizza/contracts-common';
import { requirePrincipal } from '@pizza/transport';
import { Payments } from './payments';

type Reply<K extends keyof BillingPatternMap> = Promise<BillingPatternMap[K]['response']>;

@Controller()
export class PaymentMessageController {
  constructor(private readonly payments: Payments) {}

  @MessagePattern(BillingPatterns.CHARGE_PAYMENT)
  charge(@Payload('data') req: ChargePaymentRequest, @Payload('meta') meta: MessageMeta): Reply<typeof BillingPatterns.CHARGE_PAYMENT> {
    return this.payments.charge(requirePrincipal(meta), req, meta);
  }

  @MessagePattern(BillingPatterns.FIND_PAYMENT)
  find(@Payload('data') req: FindPaymentRequest, @Payload('meta') meta: MessageMeta): Reply<typeof BillingPatterns.FIND_PAYMENT> {
    return this.payments.find(requirePrincipal(meta), req.orderId);
  }
}
