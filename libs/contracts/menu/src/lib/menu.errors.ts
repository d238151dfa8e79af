import type { ErrorDescriptor } from '@pizza/contracts-common';

export const MenuErrors = {
  PIZZA_NOT_FOUND: { code: 'MENU.PIZZA_NOT_FOUND', status: 404 },
  EMPTY_UPDATE: { code: 'MENU.EMPTY_UPDATE', status: 400 },
} as const satisfies Record<string, ErrorDescriptor>;
