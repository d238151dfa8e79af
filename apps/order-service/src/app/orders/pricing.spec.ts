import type { PizzaDto } from '@pizza/contracts-menu';
import { priceOrder } from './pricing';

const pizza = (id: string, priceCents: number, extra: Partial<PizzaDto> = {}): PizzaDto => ({
  id,
  name: id.toUpperCase(),
  description: '',
  priceCents,
  currency: 'EUR',
  available: true,
  ...extra,
});

describe('priceOrder', () => {
  const menu = [pizza('margherita', 900), pizza('diavola', 1150), pizza('tartufo', 1890, { available: false })];

  it('totals integer cents server-side, keeping the unit price of each line', () => {
    const priced = priceOrder(
      [
        { pizzaId: 'margherita', quantity: 2 },
        { pizzaId: 'diavola', quantity: 3 },
      ],
      menu,
    );
    expect(priced.totalCents).toBe(2 * 900 + 3 * 1150);
    expect(priced.currency).toBe('EUR');
    expect(priced.items).toEqual([
      { pizzaId: 'margherita', name: 'MARGHERITA', quantity: 2, unitPriceCents: 900 },
      { pizzaId: 'diavola', name: 'DIAVOLA', quantity: 3, unitPriceCents: 1150 },
    ]);
  });

  it('does not drift like floating point would (0.1 + 0.2)', () => {
    const priced = priceOrder([{ pizzaId: 'a', quantity: 3 }], [pizza('a', 10)]);
    expect(priced.totalCents).toBe(30);
  });

  it('refuses an unknown pizza with ORDER.UNKNOWN_PIZZA (422)', () => {
    expect(() => priceOrder([{ pizzaId: 'hawaii', quantity: 1 }], menu)).toThrow(expect.objectContaining({ code: 'ORDER.UNKNOWN_PIZZA', status: 422 }));
  });

  it('refuses a sold-out pizza with ORDER.PIZZA_UNAVAILABLE (422)', () => {
    expect(() => priceOrder([{ pizzaId: 'tartufo', quantity: 1 }], menu)).toThrow(
      expect.objectContaining({ code: 'ORDER.PIZZA_UNAVAILABLE', status: 422 }),
    );
  });

  it('refuses the same pizza on two lines', () => {
    expect(() =>
      priceOrder(
        [
          { pizzaId: 'margherita', quantity: 1 },
          { pizzaId: 'margherita', quantity: 1 },
        ],
        menu,
      ),
    ).toThrow(expect.objectContaining({ code: 'ORDER.DUPLICATE_ITEM' }));
  });

  it('refuses mixed currencies', () => {
    expect(() =>
      priceOrder(
        [
          { pizzaId: 'a', quantity: 1 },
          { pizzaId: 'b', quantity: 1 },
        ],
        [pizza('a', 100), pizza('b', 100, { currency: 'USD' })],
      ),
    ).toThrow(expect.objectContaining({ code: 'ORDER.MIXED_CURRENCIES' }));
  });
});
