import { CommonErrors, positionFromText, positionText, type ListPosition } from '@pizza/contracts-common';
import type { RedisClientType } from '@redis/client';
import { failClosed } from './fail-closed';
import type { RedisConnection } from './redis.connection';

/** A member moved from one sorted-set index to another in the same step as its record's write. */
export interface IndexMove {
  member: string;
  from: string;
  to: string;
}

/**
 * Writes ARGV[2] over KEYS[1] only if KEYS[1] still holds ARGV[1] (what the caller read), and
 * moves ARGV[3] from the index KEYS[2] to KEYS[3] when given. 1 if written, 0 if it had changed.
 */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('ZADD', KEYS[3], 0, ARGV[3])
end
return 1`;

/** Attempts of one update racing other writers before it gives up (each lost race means another write landed). */
const MAX_ATTEMPTS = 16;

/**
 * JSON records of one service in its Redis, every key under the service's prefix. Every command
 * runs within the store's deadline, behind its breaker; a store that fails or misses it refuses
 * the command with UPSTREAM_UNAVAILABLE (503, retryable), never a guess. Ordered listings are
 * sorted sets of score 0 whose members are the records' `positionText`, which sorts as the listing does.
 */
export class RedisRecords {
  constructor(
    private readonly redis: RedisConnection,
    /** e.g. 'order:'; every key is under it. */
    readonly prefix: string,
    /** Named in the 503: 'orders'. */
    private readonly what: string,
  ) {}

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** One call to Redis, refused as UPSTREAM_UNAVAILABLE when the store fails or is late. */
  run<T>(call: (client: RedisClientType) => Promise<T>): Promise<T> {
    return failClosed(() => this.redis.run(call), CommonErrors.UPSTREAM_UNAVAILABLE, `The ${this.what} cannot be reached right now; retry later`);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.run((c) => c.get(key));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  /** The records at `keys`, in their order, those that exist. */
  async getMany<T>(keys: readonly string[]): Promise<T[]> {
    if (!keys.length) return [];
    const raws = await this.run((c) => c.mGet([...keys]));
    return raws.flatMap((raw) => (raw === null ? [] : [JSON.parse(raw) as T]));
  }

  /**
   * Ids from the listings at `indexes` (members: `positionText`), `limit` at most from each,
   * those strictly after `after` in the listing's order: oldest first, or newest first when
   * `newestFirst`. All read in one step (MULTI): a record moved from one listing to another
   * meanwhile is in exactly one of them, never missed.
   */
  async listings(indexes: readonly string[], limit: number, order: { after?: ListPosition; newestFirst?: boolean }): Promise<string[][]> {
    const bound = order.after ? `(${positionText(order.after)}` : order.newestFirst ? '+' : '-';
    const options = { BY: 'LEX', REV: order.newestFirst, LIMIT: { offset: 0, count: limit } } as const;
    const replies = await this.run((c) => {
      const step = c.multi();
      for (const index of indexes) step.zRange(index, bound, order.newestFirst ? '-' : '+', options);
      return step.exec();
    });
    return (replies as unknown as string[][]).map((members) => members.flatMap((member) => positionFromText(member)?.id ?? []));
  }

  /**
   * Reads the record at `key`, lets `change` derive the next one (undefined: leave it), and writes it
   * only if no one wrote in between, reading again after a lost race: the conditional update of a
   * database, one record at a time. The record as written, or undefined (none, or `change` declined).
   */
  async update<T>(key: string, change: (current: T) => { next: T; move?: IndexMove } | undefined): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.run((c) => c.get(key));
      if (raw === null) return undefined;
      const decided = change(JSON.parse(raw) as T);
      if (!decided) return undefined;
      const { next, move } = decided;
      const keys = move ? [key, move.from, move.to] : [key];
      const args = move ? [raw, JSON.stringify(next), move.member] : [raw, JSON.stringify(next)];
      if ((await this.run((c) => c.eval(COMPARE_AND_SET, { keys, arguments: args }))) === 1) return next;
    }
    throw new Error(`${key}: ${MAX_ATTEMPTS} writes in a row lost a race with another writer`);
  }
}
