/** Cache keys of the menu routes, in one place for the routes and their eviction. */
export const MenuCacheKeys = {
  list: () => 'menu:list',
  pizza: (id: string) => `menu:pizza:${id}`,
  /** Everything a change of one pizza makes wrong. */
  affectedBy: (id: string) => ['menu:list', `menu:pizza:${id}`],
};
