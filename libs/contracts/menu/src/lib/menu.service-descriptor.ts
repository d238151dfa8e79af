import type { ServiceDescriptor } from '@pizza/contracts-common';

export const MenuService = {
  name: 'menu',
  clientToken: 'MENU_SERVICE_CLIENT',
  queue: 'menu-service',
  defaultPort: 4001,
} as const satisfies ServiceDescriptor;
