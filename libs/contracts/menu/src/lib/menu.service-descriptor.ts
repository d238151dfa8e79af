import type { ServiceDescriptor } from '@pizza/contracts-common';
import { MenuPatterns } from './menu.patterns';

export const MenuService = {
  name: 'menu',
  clientToken: 'MENU_SERVICE_CLIENT',
  queue: 'menu-service',
  idempotentPatterns: [MenuPatterns.LIST_PIZZAS, MenuPatterns.GET_PIZZA, MenuPatterns.QUOTE_PIZZAS],
  defaultPort: 4001,
} as const satisfies ServiceDescriptor;
