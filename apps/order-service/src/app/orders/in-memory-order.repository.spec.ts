import { InMemoryOrderRepository } from './in-memory-order.repository';
import { behavesAsOrderRepository } from './order.repository.contract';

describe('InMemoryOrderRepository', () => {
  behavesAsOrderRepository(() => new InMemoryOrderRepository());
});
