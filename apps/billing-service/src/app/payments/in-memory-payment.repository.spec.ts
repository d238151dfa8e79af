import { InMemoryPaymentRepository } from './in-memory-payment.repository';
import { behavesAsPaymentRepository } from './payment.repository.contract';

describe('InMemoryPaymentRepository', () => {
  behavesAsPaymentRepository(() => new InMemoryPaymentRepository());
});
