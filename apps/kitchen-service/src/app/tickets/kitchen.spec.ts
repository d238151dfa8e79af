import type { Principal } from '@pizza/contracts-common';
import { TicketStatus, type TicketDto } from '@pizza/contracts-kitchen';
import { OrderStatus } from '@pizza/contracts-order';
import type { EventPublisher } from '@pizza/transport';
import { InMemoryTicketRepository } from './in-memory-ticket.repository';
import { Kitchen } from './kitchen';

const chef: Principal = { sub: 'chef', roles: ['staff'] };
const ORDER_ID = '6f1c2a7e-0000-4000-8000-000000000001';

const paid = { paymentId: 'p-1', orderId: ORDER_ID, customerId: 'alice', amountCents: 900, currency: 'EUR', items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 1 }] };

async function setup() {
  const published: Array<{ status: string }> = [];
  const events = { publish: jest.fn(async (_pattern: string, e: { status: string }) => void published.push(e)) };
  const repo = new InMemoryTicketRepository();
  const kitchen = new Kitchen(repo, events as unknown as EventPublisher);
  await kitchen.onPaymentSucceeded(paid);
  const [ticket] = (await kitchen.queue(chef)).items;
  return { kitchen, repo, events, ticketId: ticket.id, published };
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

describe('Kitchen, when two things change one ticket at once', () => {
  it('two chefs advancing to the same step make one step, announced once', async () => {
    const { kitchen, ticketId, published } = await setup();
    const both = await Promise.all([kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING), kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING)]);
    expect(both.map((t) => t.status)).toEqual([TicketStatus.PREPARING, TicketStatus.PREPARING]);
    expect(published.map((e) => e.status)).toEqual([TicketStatus.PREPARING]);
  });

  it('an advance that read the ticket before its order was cancelled leaves it cancelled (409), announcing nothing', async () => {
    const { kitchen, repo, ticketId, published } = await setup();
    await kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING);
    published.length = 0;
    // The chef's advance reads "preparing", then the order's cancel is applied before the advance writes.
    const read = repo.findById.bind(repo);
    let cancelled!: () => void;
    const cancelApplied = new Promise<void>((r) => (cancelled = r));
    let held = false;
    repo.findById = async (id) => {
      const t = await read(id);
      if (!held) {
        held = true;
        await cancelApplied;
      }
      return t;
    };
    const advance = kitchen.advance(chef, ticketId, {}, TicketStatus.BAKING);
    await kitchen.onOrderCancelled({ orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.PREPARING });
    cancelled();
    await expect(advance).rejects.toMatchObject({ code: 'KITCHEN.INVALID_TRANSITION', status: 409 });
    expect(await repo.findById(ticketId)).toMatchObject({ status: TicketStatus.CANCELLED });
    expect(published).toEqual([]);
  });

  it('payment.succeeded delivered twice at once makes one ticket', async () => {
    const { kitchen } = await setup();
    const other = { ...paid, orderId: '6f1c2a7e-0000-4000-8000-000000000002' };
    await Promise.all([kitchen.onPaymentSucceeded(other), kitchen.onPaymentSucceeded(other)]);
    expect((await kitchen.queue(chef)).items.filter((t) => t.orderId === other.orderId)).toHaveLength(1);
  });

  it('an order cancelled before its payment.succeeded arrives gets no ticket in the queue', async () => {
    const { kitchen } = await setup();
    const other = { ...paid, orderId: '6f1c2a7e-0000-4000-8000-000000000003' };
    await kitchen.onOrderCancelled({ orderId: other.orderId, customerId: 'alice', previousStatus: OrderStatus.PAID });
    await kitchen.onPaymentSucceeded(other);
    expect((await kitchen.queue(chef)).items.filter((t) => t.orderId === other.orderId)).toEqual([]);
    expect((await kitchen.find(chef, other.orderId)).ticket).toMatchObject({ status: TicketStatus.CANCELLED });
  });
});

describe('Kitchen.cancelForOrder (asked by order-service before it cancels)', () => {
  const alice: Principal = { sub: 'alice', roles: ['customer'] };

  it('drops a queued ticket and announces it once (should its reply be lost); asked again (a retry), answers the cancelled ticket', async () => {
    const { kitchen, events, ticketId } = await setup();
    await expect(kitchen.cancelForOrder(alice, ORDER_ID, { requestId: 'r-1' })).resolves.toEqual({ ticket: { ticketId, status: TicketStatus.CANCELLED } });
    await expect(kitchen.cancelForOrder(alice, ORDER_ID, {})).resolves.toEqual({ ticket: { ticketId, status: TicketStatus.CANCELLED } });
    expect((await kitchen.queue(chef)).items).toEqual([]);
    expect(events.publish.mock.calls).toEqual([['ticket.cancelled', { ticketId, orderId: ORDER_ID }, { requestId: 'r-1' }]]);
  });

  it('refuses once the pizza is in the oven (409), and leaves it there', async () => {
    const { kitchen, events, ticketId } = await setup();
    await kitchen.advance(chef, ticketId, {}, TicketStatus.PREPARING);
    await kitchen.advance(chef, ticketId, {}, TicketStatus.BAKING);
    await expect(kitchen.cancelForOrder(alice, ORDER_ID, {})).rejects.toMatchObject({ code: 'KITCHEN.INVALID_TRANSITION', status: 409 });
    expect(await kitchen.find(chef, ORDER_ID)).toEqual({ ticket: { ticketId, status: TicketStatus.BAKING } });
    expect(events.publish.mock.calls.map(([pattern]) => pattern)).not.toContain('ticket.cancelled');
  });

  it('an order with no ticket yet is cancelled for the kitchen: its payment.succeeded queues nothing', async () => {
    const { kitchen } = await setup();
    const orderId = '6f1c2a7e-0000-4000-8000-000000000004';
    await expect(kitchen.cancelForOrder(alice, orderId, {})).resolves.toMatchObject({ ticket: { status: TicketStatus.CANCELLED } });
    await kitchen.onPaymentSucceeded({ ...paid, orderId });
    expect((await kitchen.queue(chef)).items.filter((t) => t.orderId === orderId)).toEqual([]);
  });

  it("does not exist for anyone but the order's customer and staff (404)", async () => {
    const { kitchen } = await setup();
    await expect(kitchen.cancelForOrder({ sub: 'bob', roles: ['customer'] }, ORDER_ID, {})).rejects.toMatchObject({ code: 'KITCHEN.TICKET_NOT_FOUND', status: 404 });
    expect((await kitchen.queue(chef)).items.map((t) => t.status)).toEqual([TicketStatus.QUEUED]);
  });
});

describe('Kitchen.queue', () => {
  it('pages the queue oldest first, only the states asked for, each ticket once, and no cancelled ticket', async () => {
    const { kitchen, ticketId } = await setup();
    for (let i = 2; i <= 7; i++) await kitchen.onPaymentSucceeded({ ...paid, paymentId: `p-${i}`, orderId: `6f1c2a7e-0000-4000-8000-00000000000${i}` });
    await kitchen.advance(chef, ticketId, {});
    await kitchen.onOrderCancelled({ orderId: '6f1c2a7e-0000-4000-8000-000000000007', customerId: 'alice', previousStatus: OrderStatus.PAID });

    const seen: TicketDto[] = [];
    let page = await kitchen.queue(chef, { limit: 4 });
    const sizes = [page.items.length];
    seen.push(...page.items);
    while (page.next) {
      page = await kitchen.queue(chef, { limit: 4, after: page.next });
      sizes.push(page.items.length);
      seen.push(...page.items);
    }
    expect(sizes).toEqual([4, 2]);
    // Oldest first (tickets made in the same millisecond: by id).
    expect(seen.map((t) => t.orderId).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `6f1c2a7e-0000-4000-8000-00000000000${i}`));
    expect(seen.map((t) => [t.createdAt, t.id])).toEqual(seen.map((t) => [t.createdAt, t.id]).sort());
    const queued = await kitchen.queue(chef, { status: [TicketStatus.QUEUED] });
    expect(queued.items).toEqual(seen.filter((t) => t.id !== ticketId));
    expect((await kitchen.queue(chef, { status: [TicketStatus.PREPARING] })).items.map((t) => t.id)).toEqual([ticketId]);
  });
});
