import type { Role } from '@pizza/contracts-common';

/** A refresh token as stored: by the SHA-256 of the token, never the token itself. */
export interface RefreshRecord {
  /** Every token that descends from one login shares a family; reuse revokes all of it. */
  familyId: string;
  sub: string;
  roles: Role[];
  /** Epoch ms. */
  expiresAt: number;
}

export interface ConsumedRefresh {
  record: RefreshRecord;
  /** True for exactly one caller, even when several gateway instances race on the same token. */
  firstUse: boolean;
  familyRevoked: boolean;
}

export interface RefreshTokenStore {
  save(tokenHash: string, record: RefreshRecord): Promise<void>;
  /** Marks the token used, atomically; undefined when it is unknown or expired. */
  consume(tokenHash: string): Promise<ConsumedRefresh | undefined>;
  /** No token of the family refreshes again, until `until` (epoch ms; the family's last expiry). */
  revokeFamily(familyId: string, until: number): Promise<void>;
}
