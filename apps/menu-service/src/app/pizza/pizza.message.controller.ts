import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetPizzaRequest, MenuPatterns, QuotePizzasRequest, type MenuPatternMap } from '@pizza/contracts-menu';
import { MenuCatalog } from './menu.catalog';

type Reply<K extends keyof MenuPatternMap> = Promise<MenuPatternMap[K]['response']>;

@Controller()
export class PizzaMessageController {
  constructor(private readonly catalog: MenuCatalog) {}

  @MessagePattern(MenuPatterns.LIST_PIZZAS)
  list(): Reply<typeof MenuPatterns.LIST_PIZZAS> {
    return this.catalog.list();
  }

  @MessagePattern(MenuPatterns.GET_PIZZA)
  get(@Payload('data') req: GetPizzaRequest): Reply<typeof MenuPatterns.GET_PIZZA> {
    return this.catalog.get(req.id);
  }

  @MessagePattern(MenuPatterns.QUOTE_PIZZAS)
  quote(@Payload('data') req: QuotePizzasRequest): Reply<typeof MenuPatterns.QUOTE_PIZZAS> {
    return this.catalog.quote(req.ids);
  }
}
