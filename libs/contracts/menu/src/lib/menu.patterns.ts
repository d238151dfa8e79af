export const MenuPatterns = {
  LIST_PIZZAS: 'menu.pizza.list',
  GET_PIZZA: 'menu.pizza.get',
  /** Current prices and availability of several pizzas at once (used by order pricing). */
  QUOTE_PIZZAS: 'menu.pizza.quote',
  PING: 'menu.health.ping',
} as const;
