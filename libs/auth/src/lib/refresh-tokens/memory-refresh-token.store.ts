import type { ConsumedRefresh, RefreshRecord, RefreshTokenStore } from './refresh-token.store';

/** One gateway instance: refresh tokens in this process's memory, pruned as they expire. */
export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly tokens = new Map<string, { record: RefreshRecord; used: boolean }>();
  private readonly revokedFamilies = new Map<string, number>();
  private saves = 0;

  async save(tokenHash: string, record: RefreshRecord): Promise<void> {
    if (++this.saves % 256 === 0) this.prune();
    this.tokens.set(tokenHash, { record, used: false });
  }

  async consume(tokenHash: string): Promise<ConsumedRefresh | undefined> {
    const entry = this.tokens.get(tokenHash);
    if (!entry || entry.record.expiresAt <= Date.now()) return undefined;
    const firstUse = !entry.used;
    entry.used = true;
    const revokedUntil = this.revokedFamilies.get(entry.record.familyId) ?? 0;
    return { record: entry.record, firstUse, familyRevoked: revokedUntil > Date.now() };
  }

  async revokeFamily(familyId: string, until: number): Promise<void> {
    this.revokedFamilies.set(familyId, Math.max(until, this.revokedFamilies.get(familyId) ?? 0));
  }

  private prune(): void {
    const now = Date.now();
    for (const [hash, { record }] of this.tokens) if (record.expiresAt <= now) this.tokens.delete(hash);
    for (const [family, until] of this.revokedFamilies) if (until <= now) this.revokedFamilies.delete(family);
  }
}
