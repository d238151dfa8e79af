import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { KitchenEvents, KitchenPatterns, KitchenService } from '@pizza/contracts-kitchen';
import { OrderService } from '@pizza/contracts-order';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { InMemoryTicketRepository } from './tickets/in-memory-ticket.repository';
import { Kitchen } from './tickets/kitchen';
import { TicketEventController } from './tickets/ticket.event.controller';
import { TicketMessageController } from './tickets/ticket.message.controller';
import { TICKET_REPOSITORY } from './tickets/ticket.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    RpcClientsModule.register({ clients: [], eventRoutes: { [KitchenEvents.TICKET_ADVANCED]: [OrderService], [KitchenEvents.TICKET_CANCELLED]: [OrderService] } }),
  ],
  controllers: [TicketMessageController, TicketEventController, createPingController(KitchenService, KitchenPatterns.PING)],
  providers: [Kitchen, { provide: TICKET_REPOSITORY, useClass: InMemoryTicketRepository }],
})
export class KitchenModule {}
