import type { EmptyRequest, PingResponse } from '@pizza/contracts-common';
import type { GetPizzaRequest } from './get-pizza.request';
import type { MenuPatterns } from './menu.patterns';
import type { PizzaDto } from './pizza.dto';
import type { QuotePizzasRequest, QuotePizzasResponse } from './quote-pizzas.request';

export interface MenuPatternMap {
  [MenuPatterns.LIST_PIZZAS]: { request: EmptyRequest; response: PizzaDto[] };
  [MenuPatterns.GET_PIZZA]: { request: GetPizzaRequest; response: PizzaDto };
  [MenuPatterns.QUOTE_PIZZAS]: { request: QuotePizzasRequest; response: QuotePizzasResponse };
  [MenuPatterns.PING]: { request: EmptyRequest; response: PingResponse };
}
