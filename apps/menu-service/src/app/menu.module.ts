import { Module } from '@nestjs/common';
import { AppConfigModule, ResilienceEnv, RuntimeEnv, TransportEnv, validateEnv } from '@pizza/config';
import { MenuPatterns, MenuService } from '@pizza/contracts-menu';
import { createPingController } from '@pizza/transport';
import { InMemoryPizzaRepository } from './pizza/in-memory-pizza.repository';
import { MenuCatalog } from './pizza/menu.catalog';
import { PizzaMessageController } from './pizza/pizza.message.controller';
import { PIZZA_REPOSITORY } from './pizza/pizza.repository';

@Module({
  imports: [AppConfigModule.forRoot((raw) => validateEnv(raw, RuntimeEnv, TransportEnv, ResilienceEnv))],
  controllers: [PizzaMessageController, createPingController(MenuService, MenuPatterns.PING)],
  providers: [MenuCatalog, { provide: PIZZA_REPOSITORY, useClass: InMemoryPizzaRepository }],
})
export class MenuModule {}
