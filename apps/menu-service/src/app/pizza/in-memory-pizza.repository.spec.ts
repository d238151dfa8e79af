import { InMemoryPizzaRepository } from './in-memory-pizza.repository';
import { behavesAsPizzaRepository } from './pizza.repository.contract';

describe('InMemoryPizzaRepository', () => {
  behavesAsPizzaRepository(() => new InMemoryPizzaRepository());
});
