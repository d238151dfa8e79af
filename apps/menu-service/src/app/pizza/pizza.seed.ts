import type { PizzaDto } from '@pizza/contracts-menu';

/** The demo menu. Prices in integer cents. One pizza is sold out, to show what that does. */
export const PIZZA_SEED: readonly PizzaDto[] = [
  { id: 'margherita', name: 'Margherita', description: 'Tomato, mozzarella, basil.', priceCents: 900, currency: 'EUR', available: true },
  { id: 'marinara', name: 'Marinara', description: 'Tomato, garlic, oregano, olive oil.', priceCents: 750, currency: 'EUR', available: true },
  { id: 'diavola', name: 'Diavola', description: 'Tomato, mozzarella, spicy salami.', priceCents: 1150, currency: 'EUR', available: true },
  { id: 'quattro-formaggi', name: 'Quattro Formaggi', description: 'Mozzarella, gorgonzola, fontina, parmesan.', priceCents: 1250, currency: 'EUR', available: true },
  { id: 'capricciosa', name: 'Capricciosa', description: 'Tomato, mozzarella, ham, mushrooms, artichokes, olives.', priceCents: 1300, currency: 'EUR', available: true },
  { id: 'funghi', name: 'Funghi', description: 'Tomato, mozzarella, mushrooms.', priceCents: 1050, currency: 'EUR', available: true },
  { id: 'tartufo', name: 'Tartufo', description: 'Cream, mozzarella, black truffle. Seasonal.', priceCents: 1890, currency: 'EUR', available: false },
];
