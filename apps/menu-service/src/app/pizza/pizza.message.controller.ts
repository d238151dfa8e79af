import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessageMeta } from '@pizza/contracts-common';
import { GetPizzaRequest, MenuPatterns, QuotePizzasRequest, UpdatePizzaRequest, type MenuPatternMap } from '@pizza/contracts-menu';
import { requirePrincipal } from '@pizza/transport';
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

  @MessagePattern(MenuPatterns.UPDATE_PIZZA)
  update(@Payload('data') req: UpdatePizzaRequest, @Payload('meta') meta: MessageMeta): Reply<typeof MenuPatterns.UPDATE_PIZZA> {
    return this.catalog.update(requirePrincipal(meta), req, meta);
  }

  @MessagePattern(MenuPatterns.QUOTE_PIZZAS)
  quote(@Payload('data') req: QuotePizzasRequest): Reply<typeof MenuPatterns.QUOTE_PIZZAS> {
    return this.catalog.quote(req.ids);
  }
}
