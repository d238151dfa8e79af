import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { BillingService } from '@pizza/contracts-billing';
import { KitchenService } from '@pizza/contracts-kitchen';
import { MenuService } from '@pizza/contracts-menu';
import { OrderEvents, OrderPatterns, OrderService } from '@pizza/contracts-order';
import { DataStoreModule, repositoryProvider } from '@pizza/redis';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { InMemoryOrderRepository } from './orders/in-memory-order.repository';
import { ORDER_REPOSITORY, type OrderRepository } from './orders/order.repository';
import { OrderEventController } from './orders/order.event.controller';
import { OrderMessageController } from './orders/order.message.controller';
import { Orders } from './orders/orders';
import { RedisOrderRepository } from './orders/redis-order.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    DataStoreModule,
    RpcClientsModule.register({
      clients: [MenuService, KitchenService],
      eventRoutes: {
        [OrderEvents.ORDER_CREATED]: [BillingService],
        [OrderEvents.ORDER_CANCELLED]: [BillingService, KitchenService],
      },
    }),
  ],
  controllers: [OrderMessageController, OrderEventController, createPingController(OrderService, OrderPatterns.PING)],
  providers: [Orders, repositoryProvider<OrderRepository>(ORDER_REPOSITORY, { memory: () => new InMemoryOrderRepository(), redis: (store) => new RedisOrderRepository(store) })],
})
export class OrderModule {}
