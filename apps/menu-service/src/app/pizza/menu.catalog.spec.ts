import { DomainError } from '@pizza/contracts-common';
import { InMemoryPizzaRepository } from './in-memory-pizza.repository';
import { MenuCatalog } from './menu.catalog';

describe('MenuCatalog', () => {
  const catalog = new MenuCatalog(new InMemoryPizzaRepository());

  it('serves a seeded menu of at least six pizzas with integer prices', async () => {
    const menu = await catalog.list();
    expect(menu.length).toBeGreaterThanOrEqual(6);
    for (const p of menu) expect(Number.isInteger(p.priceCents)).toBe(true);
  });

  it('answers an unknown id with MENU.PIZZA_NOT_FOUND', async () => {
    await expect(catalog.get('hawaii')).rejects.toMatchObject({ code: 'MENU.PIZZA_NOT_FOUND', status: 404 });
    await expect(catalog.get('hawaii')).rejects.toBeInstanceOf(DomainError);
  });

  it('quotes known ids once each and leaves unknown ones out', async () => {
    const { pizzas } = await catalog.quote(['margherita', 'margherita', 'nope']);
    expect(pizzas.map((p) => p.id)).toEqual(['margherita']);
  });

  it('hands out copies, so callers cannot change the menu', async () => {
    const p = await catalog.get('margherita');
    p.priceCents = 1;
    expect((await catalog.get('margherita')).priceCents).toBe(900);
  });
});
