import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { KitchenEvents, KitchenPatterns, KitchenService } from '@pizza/contracts-kitchen';
import { OrderService } from '@pizza/contracts-order';
import { DataStoreModule, repositoryProvider } from '@pizza/redis';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { InMemoryTicketRepository } from './tickets/in-memory-ticket.repository';
import { Kitchen } from './tickets/kitchen';
import { RedisTicketRepository } from './tickets/redis-ticket.repository';
import { TicketEventController } from './tickets/ticket.event.controller';
import { TicketMessageController } from './tickets/ticket.message.controller';
import { TICKET_REPOSITORY, type TicketRepository } from './tickets/ticket.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    DataStoreModule,
    RpcClientsModule.register({ clients: [], eventRoutes: { [KitchenEvents.TICKET_ADVANCED]: [OrderService], [KitchenEvents.TICKET_CANCELLED]: [OrderService] } }),
  ],
  controllers: [TicketMessageController, TicketEventController, createPingController(KitchenService, KitchenPatterns.PING)],
  providers: [Kitchen, repositoryProvider<TicketRepository>(TICKET_REPOSITORY, { memory: () => new InMemoryTicketRepository(), redis: (store) => new RedisTicketRepository(store) })],
})
export class KitchenModule {}
