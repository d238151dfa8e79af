import type { MessageMeta, Principal } from '@pizza/contracts-common';
import type { PizzaDto } from '@pizza/contracts-menu';
import type { EventPublisher, RpcClient } from '@pizza/transport';
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
  const repo = new InMemoryOrderRepository();
  const orders = new Orders(repo, menu as unknown as RpcClient, events as unknown as EventPublisher);
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
  return { orders, repo, menu, published, create, answerQuotes };
}

describe('Orders.create with an Idempotency-Key', () => {
  it('a retry under the key gets the order the key placed (its reply may have been lost): one order, announced once', async () => {
    const { orders, create, published, menu } = setup();
    const first = await create(alice, keyed('k1'));
    const retry = await orders.create(alice, twoMargheritas, keyed('k1'));
    expect(retry).toEqual(first);
    expect(await orders.list(alice)).toHaveLength(1);
    expect(published).toEqual(['order.created']);
    expect(menu.send).toHaveBeenCalledTimes(1);
  });

  it('the same key with another request is refused (422) and places nothing', async () => {
    const { orders, create } = setup();
    await create(alice, keyed('k1', 'a'));
    await expect(orders.create(alice, { items: [{ pizzaId: 'margherita', quantity: 5 }] }, keyed('k1', 'b'))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', status: 422 });
    expect(await orders.list(alice)).toHaveLength(1);
  });

  it('two requests racing with one key make one order, and both get it', async () => {
    const { orders, answerQuotes, published } = setup();
    const a = orders.create(alice, twoMargheritas, keyed('k1'));
    const b = orders.create(alice, twoMargheritas, keyed('k1'));
    await answerQuotes(2);
    const [first, second] = await Promise.all([a, b]);
    expect(second.id).toBe(first.id);
    expect(await orders.list(alice)).toHaveLength(1);
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
    expect(await orders.list(alice)).toHaveLength(3);
  });
});
