import type { Role, Scope } from '@pizza/contracts-common';

/** An API key as stored: the SHA-256 of its secret, never the secret. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  scopes: Scope[];
  secretHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

export interface ApiKeyStore {
  save(record: ApiKeyRecord): Promise<void>;
  find(id: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** False when there is no such key. Takes effect for the very next request, on every instance sharing the store. */
  revoke(id: string, at: string): Promise<boolean>;
}
