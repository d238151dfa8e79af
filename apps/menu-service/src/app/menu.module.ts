import { Module } from '@nestjs/common';
import { AppConfigModule, validateServiceEnv } from '@pizza/config';
import { MenuEvents, MenuPatterns, MenuService } from '@pizza/contracts-menu';
import { DataStoreModule, repositoryProvider } from '@pizza/redis';
import { createPingController, RpcClientsModule } from '@pizza/transport';
import { InMemoryPizzaRepository } from './pizza/in-memory-pizza.repository';
import { MenuCatalog } from './pizza/menu.catalog';
import { PizzaMessageController } from './pizza/pizza.message.controller';
import { PIZZA_REPOSITORY, type PizzaRepository } from './pizza/pizza.repository';
import { RedisPizzaRepository } from './pizza/redis-pizza.repository';

@Module({
  imports: [
    AppConfigModule.forRoot(validateServiceEnv),
    DataStoreModule,
    // menu.updated: over NATS every gateway instance subscribes; over TCP there is no
    // subscriber list to keep, the gateway that made the change evicts (see README, Caching).
    RpcClientsModule.register({ clients: [], eventRoutes: { [MenuEvents.MENU_UPDATED]: [] } }),
  ],
  controllers: [PizzaMessageController, createPingController(MenuService, MenuPatterns.PING)],
  providers: [MenuCatalog, repositoryProvider<PizzaRepository>(PIZZA_REPOSITORY, { memory: () => new InMemoryPizzaRepository(), redis: (store) => new RedisPizzaRepository(store) })],
})
export class MenuModule {}
