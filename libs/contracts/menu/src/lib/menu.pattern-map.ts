import type { EmptyRequest, PingResponse } from '@pizza/contracts-common';
import type { GetPizzaRequest } from './get-pizza.request';
import type { MenuEvents, MenuPatterns } from './menu.patterns';
import type { PizzaDto } from './pizza.dto';
import type { QuotePizzasRequest, QuotePizzasResponse } from './quote-pizzas.request';
import type { MenuUpdatedEvent, UpdatePizzaRequest } from './update-pizza.request';

export interface MenuPatternMap {
  [MenuPatterns.LIST_PIZZAS]: { request: EmptyRequest; response: PizzaDto[] };
  [MenuPatterns.GET_PIZZA]: { request: GetPizzaRequest; response: PizzaDto };
  [MenuPatterns.QUOTE_PIZZAS]: { request: QuotePizzasRequest; response: QuotePizzasResponse };
  [MenuPatterns.UPDATE_PIZZA]: { request: UpdatePizzaRequest; response: PizzaDto };
  [MenuPatterns.PING]: { request: EmptyRequest; response: PingResponse };
}

export interface MenuEventMap {
  [MenuEvents.MENU_UPDATED]: MenuUpdatedEvent;
}
