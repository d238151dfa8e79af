export { GetPizzaRequest } from './lib/get-pizza.request';
export { MenuErrors } from './lib/menu.errors';
export type { MenuPatternMap } from './lib/menu.pattern-map';
export { MenuPatterns } from './lib/menu.patterns';
export { MenuService } from './lib/menu.service-descriptor';
export { PIZZA_ID_PATTERN } from './lib/pizza-id';
export { PizzaDto } from './lib/pizza.dto';
export { QuotePizzasRequest } from './lib/quote-pizzas.request';
export type { QuotePizzasResponse } from './lib/quote-pizzas.request';
