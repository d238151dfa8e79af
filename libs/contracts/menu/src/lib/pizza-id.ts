/** Pizza ids are slugs: lowercase letters, digits and dashes. Checked before any lookup. */
export const PIZZA_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
