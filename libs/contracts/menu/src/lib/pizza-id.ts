import type { IdRule } from '@pizza/contracts-common';

/** Pizza ids are slugs: lowercase letters, digits and dashes. Checked before any lookup. */
export const PIZZA_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const PIZZA_ID: IdRule = { pattern: PIZZA_ID_PATTERN, message: 'must be a pizza slug (a-z, 0-9, -; at most 64 characters)' };
