import { DomainError } from '@pizza/contracts-common';
import type { PizzaDto } from '@pizza/contracts-menu';
import { OrderErrors, type OrderLineDto, type OrderLineInput } from '@pizza/contracts-order';

export interface PricedOrder {
  items: OrderLineDto[];
  totalCents: number;
  currency: string;
}

/**
 * Prices an order from the menu's current quote. Server-side, in integer cents:
 * the client never sends a price. Refuses unknown or sold-out pizzas and repeated
 * lines (one line per pizza keeps the quantity limit meaningful).
 */
export function priceOrder(lines: readonly OrderLineInput[], quote: readonly PizzaDto[]): PricedOrder {
  const byId = new Map(quote.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const items: OrderLineDto[] = [];
  for (const line of lines) {
    if (seen.has(line.pizzaId)) throw new DomainError(OrderErrors.DUPLICATE_ITEM, `Pizza '${line.pizzaId}' appears on more than one line`);
    seen.add(line.pizzaId);
    const pizza = byId.get(line.pizzaId);
    if (!pizza) throw new DomainError(OrderErrors.UNKNOWN_PIZZA, `No pizza with id '${line.pizzaId}' is on the menu`);
    if (!pizza.available) throw new DomainError(OrderErrors.PIZZA_UNAVAILABLE, `${pizza.name} is not available right now`);
    items.push({ pizzaId: pizza.id, name: pizza.name, quantity: line.quantity, unitPriceCents: pizza.priceCents });
  }
  const currencies = new Set(items.map((i) => byId.get(i.pizzaId)?.currency));
  if (currencies.size !== 1) throw new DomainError(OrderErrors.MIXED_CURRENCIES, 'All pizzas of an order must be priced in one currency');
  const totalCents = items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0);
  if (!Number.isSafeInteger(totalCents)) throw new Error('Order total overflow');
  return { items, totalCents, currency: [...currencies][0] as string };
}
