import type { ApiKeyRecord, ApiKeyStore } from '@pizza/auth';
import type { RedisConnection } from '@pizza/redis';
import { failClosedCredentials } from './fail-closed-credentials';

/**
 * API keys shared by every gateway instance: one hash field per key under
 * `apikeys`. Every request reads its key from Redis (no local copy), so a
 * revocation on one instance holds on all of them from the next request on.
 */
export class RedisApiKeyStore implements ApiKeyStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key = 'apikeys',
  ) {}

  save(record: ApiKeyRecord): Promise<void> {
    return failClosedCredentials(async () => {
      await this.redis.run((c) => c.hSet(this.key, record.id, JSON.stringify(record)));
    });
  }

  find(id: string): Promise<ApiKeyRecord | undefined> {
    return failClosedCredentials(async () => {
      const raw = await this.redis.run((c) => c.hGet(this.key, id));
      return raw ? (JSON.parse(raw) as ApiKeyRecord) : undefined;
    });
  }

  list(): Promise<ApiKeyRecord[]> {
    return failClosedCredentials(async () => Object.values(await this.redis.run((c) => c.hGetAll(this.key))).map((raw) => JSON.parse(raw) as ApiKeyRecord));
  }

  /** Atomic read-modify-write, so two admins revoking at once keep the first time. */
  revoke(id: string, at: string): Promise<boolean> {
    return failClosedCredentials(async () => {
      const done = await this.redis.run((c) =>
        c.eval(
          `local raw = redis.call('HGET', KEYS[1], ARGV[1])
           if not raw then return 0 end
           local record = cjson.decode(raw)
           if not record.revokedAt then
             record.revokedAt = ARGV[2]
             redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
           end
           return 1`,
          { keys: [this.key], arguments: [id, at] },
        ),
      );
      return done === 1;
    });
  }
}
