import type { MessageMeta, Principal } from '@pizza/contracts-common';
import { TicketStatus, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import type { MenuPatternMap, PizzaDto } from '@pizza/contracts-menu';
import type { OrderDto } from '@pizza/contracts-order';
import { UpstreamError, type EventPublisher, type RpcClient } from '@pizza/transport';
import { InMemoryOrderRepository } from './in-memory-order.repository';
import { Orders } from './orders';

const alice: Principal = { sub: 'alice', roles: ['customer'] };
const bob: Principal = { sub: 'bob', roles: ['customer'] };
const margherita: PizzaDto = { id: 'margherita', name: 'Margherita', description: '', priceCents: 900, currency: 'EUR', available: true };
const twoMargheritas = { items: [{ pizzaId: 'margherita', quantity: 2 }] };
const keyed = (key: string, fingerprint = 'a'): MessageMeta => ({ idempotency: { key, fingerprint: fingerprint.repeat(64) } });

function setup() {
  // Each quote waits for the test to let it through, so two creates can be made to race.
  const quotes: Array<() => void> = [];
  const menu = {
    send: jest.fn(() => new Promise((resolve) => quotes.push(() => resolve({ pizzas: [margherita] })))),
  };
  const published: string[] = [];
  const events = { publish: jest.fn(async (pattern: string) => void published.push(pattern)) };
  // The kitchen lets every order go unless a test says otherwise.
  const kitchen = { send: jest.fn(async (_pattern: string, req: { orderId: string }) => ({ ticket: { ticketId: `t-${req.orderId}`, status: 'cancelled' } })) };
  const repo = new InMemoryOrderRepository();
  const orders = new Orders(repo, menu as unknown as RpcClient<MenuPatternMap>, kitchen as unknown as RpcClient<KitchenPatternMap>, events as unknown as EventPublisher);
  /** Answers `n` quotes once that many are asked for (within a bounded number of turns). */
  const answerQuotes = async (n = 1) => {
    for (let turn = 0; quotes.length < n; turn++) {
      if (turn > 1000) throw new Error(`${quotes.length} of ${n} quotes were asked for`);
      await Promise.resolve();
    }
    quotes.splice(0).forEach((answer) => answer());
  };
  const create = async (who: Principal, meta: MessageMeta, body = twoMargheritas) => {
    const made = orders.create(who, body, meta);
    await answerQuotes();
    return made;
  };
  return { orders, repo, menu, kitchen, published, create, answerQuotes };
}

describe('Orders.create with an Idempotency-Key', () => {
  it('a retry under the key gets the order the key placed (its reply may have been lost): one order, announced once', async () => {
    const { orders, create, published, menu } = setup();
    const first = await create(alice, keyed('k1'));
    const retry = await orders.create(alice, twoMargheritas, keyed('k1'));
    expect(retry).toEqual(first);
    expect((await orders.list(alice, {})).items).toHaveLength(1);
    expect(published).toEqual(['order.created']);
    expect(menu.send).toHaveBeenCalledTimes(1);
  });

  it("its quote to the menu carries the request's id and deadline on, not the client's key or principal", async () => {
    const { create, menu } = setup();
    await create(alice, { ...keyed('k1'), requestId: 'r-9', budgetMs: 900, principal: alice });
    expect(menu.send).toHaveBeenCalledWith('menu.pizza.quote', { ids: ['margherita'] }, { meta: { requestId: 'r-9', budgetMs: 900 } });
    expect(Object.keys((menu.send.mock.calls[0] as unknown[])[2] as object)).toEqual(['meta']);
    expect(Object.keys(((menu.send.mock.calls[0] as unknown[])[2] as { meta: object }).meta).sort()).toEqual(['budgetMs', 'requestId']);
  });

  it('the same key with another request is refused (422) and places nothing', async () => {
    const { orders, create } = setup();
    await create(alice, keyed('k1', 'a'));
    await expect(orders.create(alice, { items: [{ pizzaId: 'margherita', quantity: 5 }] }, keyed('k1', 'b'))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', status: 422 });
    expect((await orders.list(alice, {})).items).toHaveLength(1);
  });

  it('two requests racing with one key make one order, and both get it', async () => {
    const { orders, answerQuotes, published } = setup();
    const a = orders.create(alice, twoMargheritas, keyed('k1'));
    const b = orders.create(alice, twoMargheritas, keyed('k1'));
    await answerQuotes(2);
    const [first, second] = await Promise.all([a, b]);
    expect(second.id).toBe(first.id);
    expect((await orders.list(alice, {})).items).toHaveLength(1);
    expect(published).toEqual(['order.created']);
  });

  it('keys belong to their customer; without a key every request is a new order', async () => {
    const { orders, create } = setup();
    const alices = await create(alice, keyed('k1'));
    const bobs = await create(bob, keyed('k1'));
    expect(bobs.id).not.toBe(alices.id);
    expect(bobs.customerId).toBe('bob');
    await create(alice, {});
    await create(alice, {});
    expect((await orders.list(alice, {})).items).toHaveLength(3);
  });
});

describe('Orders.cancel', () => {
  /** An order of alice's, moved along its lifecycle by the events that move it in the stack. */
  async function orderAt(status: 'awaiting_payment' | 'paid' | 'preparing') {
    const s = setup();
    const order = await s.create(alice, {});
    const ticket = { ticketId: '6f1c2a7e-0000-4000-8000-0000000000aa', orderId: order.id };
    if (status !== 'awaiting_payment') {
      await s.orders.onPaymentSucceeded({ paymentId: '6f1c2a7e-0000-4000-8000-0000000000bb', orderId: order.id, customerId: 'alice', amountCents: 1800, currency: 'EUR', items: [] });
    }
    if (status === 'preparing') await s.orders.onTicketAdvanced({ ...ticket, status: TicketStatus.PREPARING });
    expect((await s.orders.get(alice, order.id)).status).toBe(status);
    s.published.length = 0;
    return { ...s, order, ticket };
  }

  it('a second cancel (the retry of one whose reply was lost) gets the cancelled order: announced, so refunded, once', async () => {
    const { orders, order, published } = await orderAt('paid');
    const first = await orders.cancel(alice, order.id, {});
    expect(first.status).toBe('cancelled');
    await expect(orders.cancel(alice, order.id, {})).resolves.toEqual(first);
    expect(published).toEqual(['order.cancelled']);
  });

  it('two cancels at once are one cancel: both get the cancelled order, announced once', async () => {
    const { orders, order, published } = await orderAt('paid');
    const both = await Promise.all([orders.cancel(alice, order.id, {}), orders.cancel(alice, order.id, {})]);
    expect(both.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(published).toEqual(['order.cancelled']);
  });

  it('never overwrites what the kitchen did meanwhile: a cancel that read "preparing" after the pizza went in the oven is 409', async () => {
    const { orders, order, ticket, published } = await orderAt('preparing');
    // The kitchen's event and the cancel read the order in the same turn; the event is applied first.
    const baking = orders.onTicketAdvanced({ ...ticket, status: TicketStatus.BAKING });
    const cancel = orders.cancel(alice, order.id, {});
    await baking;
    await expect(cancel).rejects.toMatchObject({ code: 'ORDER.INVALID_TRANSITION', status: 409 });
    expect((await orders.get(alice, order.id)).status).toBe('baking');
    expect(published).toEqual([]);
  });

  it('is refused once the pizza is made, and to anyone but the owner (404)', async () => {
    const { orders, order } = await orderAt('preparing');
    await expect(orders.cancel(bob, order.id, {})).rejects.toMatchObject({ code: 'ORDER.NOT_FOUND' });
    await orders.onTicketAdvanced({ ticketId: '6f1c2a7e-0000-4000-8000-0000000000aa', orderId: order.id, status: TicketStatus.BAKING });
    await expect(orders.cancel(alice, order.id, {})).rejects.toMatchObject({ code: 'ORDER.INVALID_TRANSITION' });
  });

  it('asks the kitchen first: once it says the pizza is in the oven (its ticket.advanced not yet here), 409 and nothing changes', async () => {
    const { orders, order, kitchen, published } = await orderAt('preparing');
    kitchen.send.mockRejectedValueOnce(new UpstreamError('rejected', 'kitchen', 'kitchen.ticket.cancel', { code: 'KITCHEN.INVALID_TRANSITION', status: 409, message: 'The pizza is already in the oven (baking)' }));
    await expect(orders.cancel(alice, order.id, { requestId: 'r-1', principal: alice })).rejects.toMatchObject({ code: 'ORDER.INVALID_TRANSITION', status: 409 });
    expect(kitchen.send).toHaveBeenCalledWith('kitchen.ticket.cancel', { orderId: order.id }, { meta: { requestId: 'r-1', principal: alice } });
    expect((await orders.get(alice, order.id)).status).toBe('preparing');
    expect(published).toEqual([]);
  });

  it('when the kitchen dropped the ticket but its reply was lost, its ticket.cancelled finishes the cancel: announced (so refunded) once', async () => {
    const { orders, order, kitchen, published } = await orderAt('paid');
    const ticket = { ticketId: '6f1c2a7e-0000-4000-8000-0000000000aa', orderId: order.id };
    kitchen.send.mockRejectedValueOnce(UpstreamError.timeout('kitchen', 'kitchen.ticket.cancel', 1000));
    await expect(orders.cancel(alice, order.id, {})).rejects.toMatchObject({ failure: 'timeout' });
    await orders.onTicketCancelled(ticket);
    expect((await orders.get(alice, order.id)).status).toBe('cancelled');
    // Delivered again, or after a cancel that went through: nothing more.
    await orders.onTicketCancelled(ticket);
    expect(published).toEqual(['order.cancelled']);
  });

  it('when the kitchen does not answer, the order stays as it was (the caller gets the 503/504); the retry cancels it', async () => {
    const { orders, order, kitchen, published } = await orderAt('paid');
    const timeout = UpstreamError.timeout('kitchen', 'kitchen.ticket.cancel', 1000);
    kitchen.send.mockRejectedValueOnce(timeout);
    await expect(orders.cancel(alice, order.id, {})).rejects.toBe(timeout);
    expect((await orders.get(alice, order.id)).status).toBe('paid');
    expect(published).toEqual([]);
    await expect(orders.cancel(alice, order.id, {})).resolves.toMatchObject({ status: 'cancelled' });
    expect(published).toEqual(['order.cancelled']);
  });
});

describe('Orders.list', () => {
  it('pages the caller’s orders newest first: each page’s next gives the following one, none twice, none missed, null on the last', async () => {
    const { orders, repo } = setup();
    // Twelve orders, some created in the same millisecond (ties are ordered by id).
    const placed = Array.from({ length: 12 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      status: 'awaiting_payment',
      customerId: 'alice',
      items: [],
      totalCents: 0,
      currency: 'EUR',
      createdAt: `2026-11-29T10:00:0${Math.floor(i / 3)}.000Z`,
      updatedAt: '2026-11-29T10:00:00.000Z',
    })) as unknown as OrderDto[];
    for (const order of placed) await repo.save(order);
    await repo.save({ ...placed[0], id: 'bobs', customerId: 'bob' });

    const seen: string[] = [];
    let page = await orders.list(alice, { limit: 5 });
    const sizes = [page.items.length];
    seen.push(...page.items.map((o) => o.id));
    while (page.next) {
      page = await orders.list(alice, { limit: 5, after: page.next });
      sizes.push(page.items.length);
      seen.push(...page.items.map((o) => o.id));
    }
    expect(sizes).toEqual([5, 5, 2]);
    expect(seen).toEqual([...placed].reverse().map((o) => o.id));
    // Exactly a page's worth: no empty page after it.
    expect((await orders.list(alice, { limit: 12 })).next).toBeNull();
    expect((await orders.list(alice, {})).items).toHaveLength(12);
  });

  it('refuses a position no page of this list gave, as a bad request', async () => {
    const { orders } = setup();
    await expect(orders.list(alice, { after: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });
});
