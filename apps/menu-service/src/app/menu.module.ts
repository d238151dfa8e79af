import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { MenuEvents, MenuPatterns, MenuService } from '@pizza/contracts-menu';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { InMemoryPizzaRepository } from './pizza/in-memory-pizza.repository';
import { MenuCatalog } from './pizza/menu.catalog';
import { PizzaMessageController } from './pizza/pizza.message.controller';
import { PIZZA_REPOSITORY } from './pizza/pizza.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    // menu.updated: over NATS every gateway instance subscribes; over TCP there is no
    // subscriber list to keep, the gateway that made the change evicts (see README, Caching).
    RpcClientsModule.register({ clients: [], eventRoutes: { [MenuEvents.MENU_UPDATED]: [] } }),
  ],
  controllers: [PizzaMessageController, createPingController(MenuService, MenuPatterns.PING)],
  providers: [MenuCatalog, { provide: PIZZA_REPOSITORY, useClass: InMemoryPizzaRepository }],
})
export class MenuModule {}
