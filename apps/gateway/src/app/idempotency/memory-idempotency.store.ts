import type { OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { BeginResult, Hold, IdempotencyStore, StoredResponse } from './idempotency.store';

interface Entry {
  fingerprint: string;
  /** Set while a request holds the key; gone once it has answered. */
  token?: string;
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
      const token = randomUUID();
      this.entries.set(key, { fingerprint, token, expiresAt: this.now() + inFlightMs });
      return { kind: 'started', hold: { key, fingerprint, token } };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return entry.response ? { kind: 'replay', response: entry.response } : { kind: 'in-flight' };
  }

  async complete(hold: Hold, response: StoredResponse, ttlMs: number): Promise<void> {
    const entry = this.live(hold.key);
    if (entry && entry.token !== hold.token) return;
    this.entries.set(hold.key, { fingerprint: hold.fingerprint, response, expiresAt: this.now() + ttlMs });
  }

  async abandon(hold: Hold): Promise<void> {
    if (this.entries.get(hold.key)?.token === hold.token) this.entries.delete(hold.key);
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
