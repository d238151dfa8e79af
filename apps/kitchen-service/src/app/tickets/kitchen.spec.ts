import type { Principal } from '@pizza/contracts-common';
import { TicketStatus } from '@pizza/contracts-kitchen';
import type { EventPublisher } from '@pizza/transport';
import { InMemoryTicketRepository } from './in-memory-ticket.repository';
import { Kitchen } from './kitchen';

const chef: Principal = { sub: 'chef', roles: ['staff'] };
const ORDER_ID = '6f1c2a7e-0000-4000-8000-000000000001';

async function setup() {
  const published: Array<{ status: string }> = [];
  const events = { publish: jest.fn(async (_pattern: string, e: { status: string }) => void published.push(e)) };
  const kitchen = new Kitchen(new InMemoryTicketRepository(), events as unknown as EventPublisher);
  await kitchen.onPaymentSucceeded({ paymentId: 'p-1', orderId: ORDER_ID, customerId: 'alice', amountCents: 900, currency: 'EUR', items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 1 }] });
  const [ticket] = await kitchen.queue(chef);
  return { kitchen, ticketId: ticket.id, published };
}

describe('Kitchen.advance', () => {
  it('without `to`, moves the ticket one step each time it is called', async () => {
    const { kitchen, ticketId } = await setup();
    await expect(kitchen.advance(chef, ticketId, {})).resolves.toMatchObject({ status: TicketStatus.PREPARING });
    await expect(kitchen.advance(chef, ticketId, {})).resolves.toMatchObject({ status: TicketStatus.BAKING });
  });

  it('with `to`, a retry finds the ticket already there: answered as it is, not moved again, announced once', async () => {
    const { kitchen, ticketId, published } = await setup();
    await expect(kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING)).resolves.toMatchObject({ status: TicketStatus.PREPARING });
    await expect(kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING)).resolves.toMatchObject({ status: TicketStatus.PREPARING });
    expect(published.map((e) => e.status)).toEqual([TicketStatus.PREPARING]);
  });

  it('with `to`, refuses any step but the next one (409), and changes nothing', async () => {
    const { kitchen, ticketId } = await setup();
    await expect(kitchen.advance(chef, ticketId, {}, TicketStatus.BAKING)).rejects.toMatchObject({ code: 'KITCHEN.INVALID_TRANSITION', status: 409 });
    await expect(kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING)).resolves.toMatchObject({ status: TicketStatus.PREPARING });
  });
});
