import type { ConsumedRefresh, RefreshRecord, RefreshTokenStore } from '@pizza/auth';
import type { RedisConnection } from '@pizza/redis';
import { failClosedCredentials } from './fail-closed-credentials';

/**
 * Refresh tokens shared by every gateway instance. A token is `rt:<hash>` (its
 * record, expiring with it); using it is one SET NX on `rt:<hash>:used`, so of two
 * instances racing on the same token exactly one wins. Revoked families are
 * `rt:f:<id>`, kept until the family's last token would have expired.
 */
export class RedisRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix = 'rt:',
  ) {}

  save(tokenHash: string, record: RefreshRecord): Promise<void> {
    return failClosedCredentials(async () => {
      await this.redis.run((c) => c.set(this.prefix + tokenHash, JSON.stringify(record), { expiration: { type: 'PXAT', value: record.expiresAt } }));
    });
  }

  consume(tokenHash: string): Promise<ConsumedRefresh | undefined> {
    return failClosedCredentials(async () => {
      const key = this.prefix + tokenHash;
      const raw = await this.redis.run((c) => c.get(key));
      if (!raw) return undefined;
      const record = JSON.parse(raw) as RefreshRecord;
      const [first, revoked] = await this.redis.run((c) =>
        c
          .multi()
          .set(`${key}:used`, '1', { condition: 'NX', expiration: { type: 'PXAT', value: record.expiresAt } })
          .exists(`${this.prefix}f:${record.familyId}`)
          .exec(),
      );
      return { record, firstUse: String(first) === 'OK', familyRevoked: Number(revoked) > 0 };
    });
  }

  revokeFamily(familyId: string, until: number): Promise<void> {
    return failClosedCredentials(async () => {
      await this.redis.run((c) => c.set(`${this.prefix}f:${familyId}`, '1', { expiration: { type: 'PXAT', value: Math.max(until, Date.now() + 1000) } }));
    });
  }
}
