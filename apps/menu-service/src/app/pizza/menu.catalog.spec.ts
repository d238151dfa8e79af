import { DomainError } from '@pizza/contracts-common';
import type { EventPublisher } from '@pizza/transport';
import { InMemoryPizzaRepository } from './in-memory-pizza.repository';
import { MenuCatalog } from './menu.catalog';

describe('MenuCatalog', () => {
  const published: unknown[] = [];
  const events = { publish: async (...args: unknown[]) => void published.push(args) } as unknown as EventPublisher;
  const catalog = new MenuCatalog(new InMemoryPizzaRepository(), events);

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

  it('lets staff change a price and announces it; refuses customers and empty changes', async () => {
    const chef = { sub: 'chef', roles: ['staff' as const] };
    const updated = await catalog.update(chef, { id: 'funghi', priceCents: 1111 }, {});
    expect(updated.priceCents).toBe(1111);
    expect((await catalog.get('funghi')).priceCents).toBe(1111);
    expect(published).toEqual([['menu.updated', { pizzaId: 'funghi' }, {}]]);
    await expect(catalog.update({ sub: 'alice', roles: ['customer'] }, { id: 'funghi', priceCents: 1 }, {})).rejects.toMatchObject({ status: 403 });
    await expect(catalog.update(chef, { id: 'funghi' }, {})).rejects.toMatchObject({ code: 'MENU.EMPTY_UPDATE' });
    await expect(catalog.update(chef, { id: 'nope', available: false }, {})).rejects.toMatchObject({ code: 'MENU.PIZZA_NOT_FOUND' });
  });
});
