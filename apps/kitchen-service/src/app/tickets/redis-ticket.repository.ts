import { comparePositions, positionText, type ListPosition } from '@pizza/contracts-common';
import type { TicketStatus } from '@pizza/contracts-kitchen';
import { RedisRecords, type RedisConnection } from '@pizza/redis';
import type { TicketRecord, TicketRepository } from './ticket.repository';

/**
 * Adds the ticket (KEYS[2] <- ARGV[2]) and lists it under its status (KEYS[3], member ARGV[3]) only if
 * its order has none yet (KEYS[1] <- ARGV[1], the ticket's id): the unique index on the order.
 */
const ADD = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], 0, ARGV[3])
return 1`;

/**
 * Tickets in Redis (DATA_REDIS_URL), shared by every kitchen-service instance: `kitchen:ticket:<id>`
 * the ticket, `kitchen:order:<orderId>` its order's ticket id, `kitchen:status:<status>` the
 * tickets in that status, oldest first. A move between statuses rewrites the ticket and moves it
 * between those listings in one step.
 */
export class RedisTicketRepository implements TicketRepository {
  private readonly records: RedisRecords;

  constructor(redis: RedisConnection, prefix = 'kitchen:') {
    this.records = new RedisRecords(redis, prefix, 'kitchen tickets');
  }

  async add(ticket: TicketRecord): Promise<boolean> {
    const added = await this.records.run((c) =>
      c.eval(ADD, {
        keys: [this.records.key('order', ticket.orderId), this.ticketKey(ticket.id), this.inStatus(ticket.status)],
        arguments: [ticket.id, JSON.stringify(ticket), positionText(ticket)],
      }),
    );
    return added === 1;
  }

  transition(id: string, from: TicketStatus, to: TicketStatus, at: string): Promise<TicketRecord | undefined> {
    return this.records.update<TicketRecord>(this.ticketKey(id), (current) =>
      current.status === from ? { next: { ...current, status: to, updatedAt: at }, move: { member: positionText(current), from: this.inStatus(from), to: this.inStatus(to) } } : undefined,
    );
  }

  findById(id: string): Promise<TicketRecord | undefined> {
    return this.records.get<TicketRecord>(this.ticketKey(id));
  }

  async findByOrder(orderId: string): Promise<TicketRecord | undefined> {
    const id = await this.records.run((c) => c.get(this.records.key('order', orderId)));
    return id === null ? undefined : this.findById(id);
  }

  async find(statuses: readonly TicketStatus[], limit: number, after?: ListPosition): Promise<TicketRecord[]> {
    // The first `limit` of each status's listing hold the first `limit` of them all.
    const ids = (await this.records.listings(statuses.map((s) => this.inStatus(s)), limit, { after })).flat();
    const tickets = await this.records.getMany<TicketRecord>(ids.map((id) => this.ticketKey(id)));
    // A ticket moved since the listings were read is answered as it is now, if that is a status asked for.
    return tickets.filter((t) => statuses.includes(t.status)).sort(comparePositions).slice(0, limit);
  }

  private ticketKey(id: string): string {
    return this.records.key('ticket', id);
  }

  private inStatus(status: TicketStatus): string {
    return this.records.key('status', status);
  }
}
