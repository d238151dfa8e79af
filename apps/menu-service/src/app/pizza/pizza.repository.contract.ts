import type { PizzaRepository } from './pizza.repository';
import { PIZZA_SEED } from './pizza.seed';

/** What every PizzaRepository adapter must do. `fresh` gives a repository holding the seed menu. */
export function behavesAsPizzaRepository(fresh: () => PizzaRepository): void {
  it('starts with the seed menu, in menu order', async () => {
    const repo = fresh();
    expect(await repo.findAll()).toEqual(PIZZA_SEED);
    expect(await repo.findById('diavola')).toEqual(PIZZA_SEED.find((p) => p.id === 'diavola'));
    expect(await repo.findById('hawaii')).toBeUndefined();
    expect((await repo.findByIds(['funghi', 'hawaii', 'margherita'])).map((p) => p.id)).toEqual(['funghi', 'margherita']);
  });

  it('applies a change and answers with the pizza after it; every read sees it; two changes to one pizza both apply', async () => {
    const repo = fresh();
    const [price, stock] = await Promise.all([repo.update('funghi', { priceCents: 1111 }), repo.update('funghi', { available: false })]);
    expect(price?.priceCents).toBe(1111);
    expect(stock?.available).toBe(false);
    expect(await repo.findById('funghi')).toMatchObject({ id: 'funghi', name: 'Funghi', priceCents: 1111, available: false });
    expect((await repo.findAll()).find((p) => p.id === 'funghi')).toMatchObject({ priceCents: 1111, available: false });
    expect(await repo.update('hawaii', { priceCents: 1 })).toBeUndefined();
    expect(await repo.findById('hawaii')).toBeUndefined();
  });
}
