import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Role } from '@pizza/contracts-common';
import { AuthErrors } from '../auth.errors';
import type { AuditLog } from '../audit.log';
import type { RefreshRecord, RefreshTokenStore } from './refresh-token.store';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** 256 random bits: the token is only ever a lookup key, so a fast hash is enough to store it. */
const newToken = (): string => `rt_${randomBytes(32).toString('base64url')}`;

const invalid = () => new DomainError(AuthErrors.INVALID_REFRESH_TOKEN, 'The refresh token is invalid, expired or revoked');

/**
 * Refresh token rotation (OAuth 2.0 Security BCP, section 4.14): every token is
 * single use and is exchanged for the next one of its family. A token used twice
 * means it was copied: the whole family is revoked, so the thief and the user
 * both have to log in again.
 */
export class RefreshTokens {
  constructor(
    private readonly store: RefreshTokenStore,
    private readonly ttlSeconds: number,
    private readonly audit: AuditLog,
  ) {}

  /** Starts a family (at login). */
  issue(sub: string, roles: Role[]): Promise<string> {
    return this.save({ familyId: randomUUID(), sub, roles, expiresAt: Date.now() + this.ttlSeconds * 1000 });
  }

  /** Exchanges a token for the next one of its family; returns who it was issued to. */
  async rotate(token: string, context: { requestId?: string }): Promise<{ record: RefreshRecord; next: string }> {
    const used = await this.store.consume(hashToken(token));
    if (!used || used.familyRevoked) throw invalid();
    if (!used.firstUse) {
      await this.store.revokeFamily(used.record.familyId, Date.now() + this.ttlSeconds * 1000);
      this.audit.record('auth.refresh.reused', { sub: used.record.sub, family: used.record.familyId, requestId: context.requestId });
      throw invalid();
    }
    const next = await this.save({ ...used.record, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    return { record: used.record, next };
  }

  /** Logout: the token's whole family stops working. Unknown tokens are ignored (no oracle). */
  async revoke(token: string, context: { requestId?: string }): Promise<void> {
    const used = await this.store.consume(hashToken(token));
    if (!used) return;
    await this.store.revokeFamily(used.record.familyId, Date.now() + this.ttlSeconds * 1000);
    this.audit.record('auth.logout', { sub: used.record.sub, family: used.record.familyId, requestId: context.requestId });
  }

  private async save(record: RefreshRecord): Promise<string> {
    const token = newToken();
    await this.store.save(hashToken(token), record);
    return token;
  }
}
