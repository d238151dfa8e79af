import { OrderStatus, type OrderDto } from '@pizza/contracts-order';
import { present } from '@pizza/testing';
import type { OrderRepository } from './order.repository';

const order = (id: string, customerId: string, createdAt: string): OrderDto => ({
  id,
  status: OrderStatus.AWAITING_PAYMENT,
  customerId,
  items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 1, unitPriceCents: 900 }],
  totalCents: 900,
  currency: 'EUR',
  createdAt,
  updatedAt: createdAt,
});
const key = (k: string) => ({ key: k, fingerprint: 'f'.repeat(64) });

/** What every OrderRepository adapter must do. `fresh` gives an empty repository for each case. */
export function behavesAsOrderRepository(fresh: () => OrderRepository): void {
  it('gives back what it saved, as a copy', async () => {
    const repo = fresh();
    const placed = order('o-1', 'alice', '2026-01-01T10:00:00.000Z');
    await repo.save(placed);
    const found = await repo.findById('o-1');
    expect(found).toEqual(placed);
    present(found).items[0].quantity = 9;
    expect(present(await repo.findById('o-1')).items[0].quantity).toBe(1);
    expect(await repo.findById('none')).toBeUndefined();
  });

  it("lists one customer's orders newest first (ties by id), a page at a time after a position", async () => {
    const repo = fresh();
    const at = ['2026-01-01T10:00:00.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:02.000Z'];
    for (const [i, createdAt] of at.entries()) await repo.save(order(`o-${i}`, 'alice', createdAt));
    await repo.save(order('bobs', 'bob', '2026-01-01T10:00:05.000Z'));
    const ids = async (limit: number, after?: OrderDto) => (await repo.findByCustomer('alice', limit, after)).map((o) => o.id);
    expect(await ids(10)).toEqual(['o-3', 'o-2', 'o-1', 'o-0']);
    const first = await repo.findByCustomer('alice', 2);
    expect(first.map((o) => o.id)).toEqual(['o-3', 'o-2']);
    expect(await ids(2, first[1])).toEqual(['o-1', 'o-0']);
    expect(await ids(2, present(await repo.findById('o-0')))).toEqual([]);
  });

  it('orders ties by the ids\' code units, as every store does, not by a locale\'s collation', async () => {
    const repo = fresh();
    for (const id of ['o-B', 'o-a', 'o-Z']) await repo.save(order(id, 'carol', '2026-01-01T10:00:00.000Z'));
    // Newest first, so the largest id first: "a" (0x61) is above "Z" (0x5a) and "B" (0x42).
    expect((await repo.findByCustomer('carol', 10)).map((o) => o.id)).toEqual(['o-a', 'o-Z', 'o-B']);
  });

  it('saves one order per customer and key, even when two race: the second gets the first', async () => {
    const repo = fresh();
    const [a, b] = await Promise.all([
      repo.saveKeyed(order('first', 'alice', '2026-01-01T10:00:00.000Z'), key('k')),
      repo.saveKeyed(order('second', 'alice', '2026-01-01T10:00:00.001Z'), key('k')),
    ]);
    expect(a.order.id).toBe(b.order.id);
    expect((await repo.findByCustomer('alice', 10)).map((o) => o.id)).toEqual([a.order.id]);
    expect((await repo.findByKey('alice', 'k'))?.order.id).toBe(a.order.id);
    // Keys are the customer's own, matched exactly: "a" with key "b:k" is not "a:b" with key "k".
    expect(await repo.findByKey('bob', 'k')).toBeUndefined();
    expect((await repo.saveKeyed(order('bobs', 'bob', '2026-01-01T10:00:00.002Z'), key('k'))).order.id).toBe('bobs');
    expect((await repo.saveKeyed(order('a-b', 'a', '2026-01-01T10:00:00.003Z'), key('b:k'))).order.id).toBe('a-b');
    expect(await repo.findByKey('a:b', 'k')).toBeUndefined();
    expect((await repo.saveKeyed(order('ab', 'a:b', '2026-01-01T10:00:00.004Z'), key('k'))).order.id).toBe('ab');
  });

  it('moves an order only from the state it is still in: of two racing moves, one applies', async () => {
    const repo = fresh();
    await repo.save(order('o-1', 'alice', '2026-01-01T10:00:00.000Z'));
    const at = '2026-01-01T11:00:00.000Z';
    const moves = await Promise.all([
      repo.transition('o-1', OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED, at),
      repo.transition('o-1', OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, at),
    ]);
    expect(moves.filter(Boolean)).toHaveLength(1);
    const saved = await repo.findById('o-1');
    expect(saved).toEqual({ ...moves.find(Boolean), updatedAt: at });
    expect(await repo.transition('o-1', OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED, at)).toBeUndefined();
    expect(await repo.transition('none', OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED, at)).toBeUndefined();
  });
}
