export const MenuPatterns = {
  LIST_PIZZAS: 'menu.pizza.list',
  GET_PIZZA: 'menu.pizza.get',
  /** Current prices and availability of several pizzas at once (used by order pricing). */
  QUOTE_PIZZAS: 'menu.pizza.quote',
  /** Staff change a price or availability. */
  UPDATE_PIZZA: 'menu.pizza.update',
  PING: 'menu.health.ping',
} as const;

export const MenuEvents = {
  /** A pizza's price or availability changed: caches of the menu must drop it. */
  MENU_UPDATED: 'menu.updated',
} as const;
