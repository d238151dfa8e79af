import type { ApiKeyRecord, ApiKeyStore } from './api-key.store';

/** One gateway instance: API keys in this process's memory (gone on restart). */
export class MemoryApiKeyStore implements ApiKeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();

  async save(record: ApiKeyRecord): Promise<void> {
    this.keys.set(record.id, { ...record });
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const record = this.keys.get(id);
    return record && { ...record };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()].map((r) => ({ ...r }));
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const record = this.keys.get(id);
    if (!record) return false;
    record.revokedAt ??= at;
    return true;
  }
}
