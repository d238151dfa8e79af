import { InMemoryTicketRepository } from './in-memory-ticket.repository';
import { behavesAsTicketRepository } from './ticket.repository.contract';

describe('InMemoryTicketRepository', () => {
  behavesAsTicketRepository(() => new InMemoryTicketRepository());
});
