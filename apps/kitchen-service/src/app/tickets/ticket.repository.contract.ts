import { TicketStatus } from '@pizza/contracts-kitchen';
import { present } from '@pizza/testing';
import type { TicketRecord, TicketRepository } from './ticket.repository';

const ticket = (id: string, orderId: string, createdAt: string, status: TicketStatus = TicketStatus.QUEUED): TicketRecord => ({
  id,
  orderId,
  customerId: 'alice',
  status,
  items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 1 }],
  createdAt,
  updatedAt: createdAt,
});
const AT = '2026-01-01T11:00:00.000Z';

/** What every TicketRepository adapter must do. `fresh` gives an empty repository for each case. */
export function behavesAsTicketRepository(fresh: () => TicketRepository): void {
  it('adds one ticket per order, even when two race; finds it by id and by order, as a copy', async () => {
    const repo = fresh();
    const added = await Promise.all([repo.add(ticket('t-1', 'o-1', AT)), repo.add(ticket('t-2', 'o-1', AT))]);
    expect(added.sort()).toEqual([false, true]);
    const kept = await repo.findByOrder('o-1');
    expect(['t-1', 't-2']).toContain(kept?.id);
    const found = await repo.findById(present(kept).id);
    expect(found).toEqual(kept);
    present(found).items[0].quantity = 9;
    expect(present(await repo.findById(present(kept).id)).items[0].quantity).toBe(1);
    expect(await repo.findByOrder('none')).toBeUndefined();
    expect(await repo.findById('none')).toBeUndefined();
  });

  it('moves a ticket only from the status it is still in: of two racing moves, one applies', async () => {
    const repo = fresh();
    await repo.add(ticket('t-1', 'o-1', AT));
    const moves = await Promise.all([
      repo.transition('t-1', TicketStatus.QUEUED, TicketStatus.PREPARING, AT),
      repo.transition('t-1', TicketStatus.QUEUED, TicketStatus.CANCELLED, AT),
    ]);
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect(await repo.findById('t-1')).toEqual(moves.find(Boolean));
    expect(await repo.transition('t-1', TicketStatus.QUEUED, TicketStatus.PREPARING, AT)).toBeUndefined();
    expect(await repo.transition('none', TicketStatus.QUEUED, TicketStatus.PREPARING, AT)).toBeUndefined();
  });

  it('lists the tickets in the statuses asked for, oldest first (ties by id), a page at a time, as they move', async () => {
    const repo = fresh();
    const at = ['2026-01-01T10:00:00.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:02.000Z', '2026-01-01T10:00:03.000Z'];
    for (const [i, createdAt] of at.entries()) await repo.add(ticket(`t-${i}`, `o-${i}`, createdAt));
    await repo.transition('t-1', TicketStatus.QUEUED, TicketStatus.PREPARING, AT);
    await repo.transition('t-3', TicketStatus.QUEUED, TicketStatus.CANCELLED, AT);
    const ids = async (statuses: TicketStatus[], limit: number, after?: TicketRecord) => (await repo.find(statuses, limit, after)).map((t) => t.id);
    const open = [TicketStatus.QUEUED, TicketStatus.PREPARING];
    expect(await ids(open, 10)).toEqual(['t-0', 't-1', 't-2', 't-4']);
    expect(await ids([TicketStatus.QUEUED], 10)).toEqual(['t-0', 't-2', 't-4']);
    expect(await ids([TicketStatus.CANCELLED], 10)).toEqual(['t-3']);
    const first = await repo.find(open, 2);
    expect(first.map((t) => t.id)).toEqual(['t-0', 't-1']);
    expect(await ids(open, 2, first[1])).toEqual(['t-2', 't-4']);
    expect(await ids(open, 2, present(await repo.findById('t-4')))).toEqual([]);
  });
}
