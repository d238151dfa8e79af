import type { OnModuleDestroy } from '@nestjs/common';
import type { BeginResult, IdempotencyStore, StoredResponse } from './idempotency.store';

interface Entry {
  fingerprint: string;
  response?: StoredResponse;
  expiresAt: number;
}

/** One gateway instance's memory. Several instances need a shared store (Redis). */
export class MemoryIdempotencyStore implements IdempotencyStore, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  constructor(private readonly now: () => number = Date.now) {}

  async begin(key: string, fingerprint: string, inFlightMs: number): Promise<BeginResult> {
    const entry = this.live(key);
    if (!entry) {
      this.entries.set(key, { fingerprint, expiresAt: this.now() + inFlightMs });
      return { kind: 'started' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return entry.response ? { kind: 'replay', response: entry.response } : { kind: 'in-flight' };
  }

  async complete(key: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) Object.assign(entry, { response, expiresAt: this.now() + ttlMs });
  }

  async abandon(key: string): Promise<void> {
    this.entries.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.live(key);
  }
}
