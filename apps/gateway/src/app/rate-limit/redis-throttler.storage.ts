import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisConnection } from '@pizza/redis';

export interface StorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * One round trip per hit, atomic across gateway instances: a fixed window per key,
 * INCR + PEXPIRE on the first hit, a block key once over the limit.
 * KEYS[1] hits, KEYS[2] block; ARGV ttl ms, limit, block ms.
 * Returns { hits, ms left in the window, blocked (0/1), ms left of the block }.
 */
export const HIT_SCRIPT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked }
end
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, ttl, 1, tonumber(ARGV[3]) }
end
return { hits, ttl, 0, 0 }
`;

export type StoreFailureMode = 'open' | 'closed';

/**
 * Redis storage for @nestjs/throttler. The script is loaded once and called by
 * SHA (reloaded if Redis forgot it). If Redis fails or is slower than its
 * deadline, `failureMode` decides: open lets the request through, closed refuses
 * it (429); either way it is logged and counted, and nothing waits past the deadline.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private sha?: string;
  failures = 0;
  private lastLog = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly failureMode: StoreFailureMode,
    private readonly prefix = 'rl:',
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<StorageRecord> {
    try {
      const [hits, left, blocked, blockLeft] = await this.hit(key, ttl, limit, blockDuration);
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(left / 1000)),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(0, Math.ceil(blockLeft / 1000)),
      };
    } catch (err) {
      this.failures++;
      if (Date.now() - this.lastLog > 10_000) {
        this.lastLog = Date.now();
        this.logger.warn(`rate limit store unavailable (${(err as Error).message}); failing ${this.failureMode} (${this.failures} so far)`);
      }
      const seconds = Math.ceil(ttl / 1000);
      return this.failureMode === 'open'
        ? { totalHits: 0, timeToExpire: seconds, isBlocked: false, timeToBlockExpire: 0 }
        : { totalHits: limit + 1, timeToExpire: seconds, isBlocked: true, timeToBlockExpire: seconds };
    }
  }

  private async hit(key: string, ttl: number, limit: number, block: number): Promise<number[]> {
    const keys = [`${this.prefix}${key}`, `${this.prefix}${key}:block`];
    const args = [String(ttl), String(limit), String(Math.max(1, block))];
    return this.redis.run(async (c) => {
      this.sha ??= await c.scriptLoad(HIT_SCRIPT);
      try {
        return (await c.evalSha(this.sha, { keys, arguments: args })) as number[];
      } catch (err) {
        if (!String((err as Error).message).includes('NOSCRIPT')) throw err;
        this.sha = await c.scriptLoad(HIT_SCRIPT);
        return (await c.evalSha(this.sha, { keys, arguments: args })) as number[];
      }
    });
  }
}
