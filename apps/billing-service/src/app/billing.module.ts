import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { BillingEvents, BillingPatterns, BillingService } from '@pizza/contracts-billing';
import { KitchenService } from '@pizza/contracts-kitchen';
import { OrderService } from '@pizza/contracts-order';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { CARD_PROCESSOR } from './payments/card-processor';
import { DemoCardProcessor } from './payments/demo-card-processor';
import { InMemoryPaymentRepository } from './payments/in-memory-payment.repository';
import { PaymentEventController } from './payments/payment.event.controller';
import { PaymentMessageController } from './payments/payment.message.controller';
import { PAYMENT_REPOSITORY } from './payments/payment.repository';
import { Payments } from './payments/payments';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    RpcClientsModule.register({
      clients: [OrderService],
      eventRoutes: {
        [BillingEvents.PAYMENT_SUCCEEDED]: [OrderService, KitchenService],
        [BillingEvents.PAYMENT_REFUNDED]: [],
      },
    }),
  ],
  controllers: [PaymentMessageController, PaymentEventController, createPingController(BillingService, BillingPatterns.PING)],
  providers: [
    Payments,
    { provide: PAYMENT_REPOSITORY, useClass: InMemoryPaymentRepository },
    { provide: CARD_PROCESSOR, useClass: DemoCardProcessor },
  ],
})
export class BillingModule {}
