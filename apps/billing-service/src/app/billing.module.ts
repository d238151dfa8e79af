import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { BillingEvents, BillingPatterns, BillingService } from '@pizza/contracts-billing';
import { KitchenService } from '@pizza/contracts-kitchen';
import { OrderService } from '@pizza/contracts-order';
import { DataStoreModule, repositoryProvider } from '@pizza/redis';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { CARD_PROCESSOR } from './payments/card-processor';
import { DemoCardProcessor } from './payments/demo-card-processor';
import { InMemoryPaymentRepository } from './payments/in-memory-payment.repository';
import { PaymentEventController } from './payments/payment.event.controller';
import { PaymentMessageController } from './payments/payment.message.controller';
import { PAYMENT_REPOSITORY, type PaymentRepository } from './payments/payment.repository';
import { Payments } from './payments/payments';
import { RedisPaymentRepository } from './payments/redis-payment.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    DataStoreModule,
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
    repositoryProvider<PaymentRepository>(PAYMENT_REPOSITORY, { memory: () => new InMemoryPaymentRepository(), redis: (store) => new RedisPaymentRepository(store) }),
    { provide: CARD_PROCESSOR, useClass: DemoCardProcessor },
  ],
})
export class BillingModule {}
