import { CommonErrors } from '@pizza/contracts-common';
import { failClosed, type RedisConnection } from '@pizza/redis';
import { randomUUID } from 'node:crypto';
import type { BeginResult, Hold, IdempotencyStore, StoredResponse } from './idempotency.store';

interface Record {
  fingerprint: string;
  /** The holder's, while a request holds the key. */
  token?: string;
  response?: StoredResponse;
}

/** Writes the response (ARGV[2], for ARGV[3] ms) unless another request holds the key or has answered it. */
const COMPLETE = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).token ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** Frees the key only if the marker is still the hold's. */
const ABANDON = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).token == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Shared by every gateway instance. `begin` is one SET NX: across instances,
 * exactly one request per key starts. `complete` and `abandon` are scripts that
 * check the marker is still theirs, in one step. If Redis is unreachable the request is
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
      const token = randomUUID();
      const created = await this.redis.run((c) => c.set(k, JSON.stringify({ fingerprint, token } satisfies Record), { condition: 'NX', expiration: { type: 'PX', value: inFlightMs } }));
      if (created === 'OK') return { kind: 'started', hold: { key, fingerprint, token } } as const;
      const raw = await this.redis.run((c) => c.get(k));
      if (!raw) return this.begin(key, fingerprint, inFlightMs); // expired in between: try again
      const existing = JSON.parse(raw) as Record;
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' } as const;
      return existing.response ? ({ kind: 'replay', response: existing.response } as const) : ({ kind: 'in-flight' } as const);
    });
  }

  async complete(hold: Hold, response: StoredResponse, ttlMs: number): Promise<void> {
    const record = JSON.stringify({ fingerprint: hold.fingerprint, response } satisfies Record);
    await this.guard(() => this.redis.run((c) => c.eval(COMPLETE, { keys: [this.prefix + hold.key], arguments: [hold.token, record, String(ttlMs)] })));
  }

  async abandon(hold: Hold): Promise<void> {
    await this.redis.run((c) => c.eval(ABANDON, { keys: [this.prefix + hold.key], arguments: [hold.token] })).catch(() => undefined);
  }

  private guard<T>(call: () => Promise<T>): Promise<T> {
    return failClosed(call, CommonErrors.UPSTREAM_UNAVAILABLE, 'Idempotency keys cannot be checked right now; retry later');
  }
}
