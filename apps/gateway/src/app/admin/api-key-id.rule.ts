import type { IdRule } from '@pizza/contracts-common';

/** The public half of an API key (`pzk_<id>.<secret>`). */
export const API_KEY_ID: IdRule = { pattern: /^[0-9a-f]{16}$/, message: 'must be 16 hex characters' };
