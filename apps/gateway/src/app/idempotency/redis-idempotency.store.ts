import { CommonErrors } from '@pizza/contracts-common';
import { failClosed } from '../redis/fail-closed';
import type { RedisConnection } from '../redis/redis.connection';
import type { BeginResult, IdempotencyStore, StoredResponse } from './idempotency.store';

interface Record {
  fingerprint: string;
  response?: StoredResponse;
}

/**
 * Shared by every gateway instance. `begin` is one SET NX: across instances,
 * exactly one request per key starts. If Redis is unreachable the request is
 * refused (503): for payments, "maybe charged twice" is worse than "try again".
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'idem:',
  ) {}

  /** The in-flight marker expires after `inFlightMs`: a gateway that dies holding the key frees it then. */
  async begin(key: string, fingerprint: string, inFlightMs: number): Promise<BeginResult> {
    return this.guard(async () => {
      const k = this.prefix + key;
      const created = await this.redis.run((c) => c.set(k, JSON.stringify({ fingerprint } satisfies Record), { condition: 'NX', expiration: { type: 'PX', value: inFlightMs } }));
      if (created === 'OK') return { kind: 'started' } as const;
      const raw = await this.redis.run((c) => c.get(k));
      if (!raw) return this.begin(key, fingerprint, inFlightMs); // expired in between: try again
      const existing = JSON.parse(raw) as Record;
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' } as const;
      return existing.response ? ({ kind: 'replay', response: existing.response } as const) : ({ kind: 'in-flight' } as const);
    });
  }

  async complete(key: string, response: StoredResponse, ttlMs: number): Promise<void> {
    await this.guard(async () => {
      const k = this.prefix + key;
      const raw = await this.redis.run((c) => c.get(k));
      const fingerprint = raw ? (JSON.parse(raw) as Record).fingerprint : '';
      await this.redis.run((c) => c.set(k, JSON.stringify({ fingerprint, response } satisfies Record), { expiration: { type: 'PX', value: ttlMs } }));
    });
  }

  async abandon(key: string): Promise<void> {
    await this.redis.run((c) => c.del(this.prefix + key)).catch(() => undefined);
  }

  private guard<T>(call: () => Promise<T>): Promise<T> {
    return failClosed(call, CommonErrors.UPSTREAM_UNAVAILABLE, 'Idempotency keys cannot be checked right now; retry later');
  }
}
