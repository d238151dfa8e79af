import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { StoreBreaker } from '@pizza/redis';
import type { Cache } from 'cache-manager';

export interface CachedResponse {
  /** The serialized JSON, as sent: a hit is written without serializing again. */
  body: string;
  etag: string;
  storedAt: number;
}

/**
 * The gateway's response cache (@nestjs/cache-manager: memory, or Redis through
 * @keyv/redis when REDIS_URL is set, shared by every instance). Two copies per
 * entry: a fresh one for CACHE_TTL_SECONDS and a stale one kept
 * CACHE_MAX_STALE_SECONDS for stale-if-error. Every call has REDIS_TIMEOUT_MS: a
 * slow or absent store is a miss, never a wait; one that keeps missing it is skipped for a
 * while (StoreBreaker), so that a hung Redis does not cost every read its deadline.
 */
@Injectable()
export class ResponseCache implements OnApplicationShutdown {
  private readonly logger = new Logger('ResponseCache');
  readonly ttlSeconds: number;
  readonly maxStaleSeconds: number;
  /** A Redis store can be slow or gone; this process's memory cannot: no deadline (and no timer per call) for it. */
  private readonly remote?: StoreBreaker;
  private lastWarn = 0;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: ConfigService,
  ) {
    this.ttlSeconds = config.getOrThrow<number>('CACHE_TTL_SECONDS');
    this.maxStaleSeconds = config.getOrThrow<number>('CACHE_MAX_STALE_SECONDS');
    if (config.get<string>('REDIS_URL')) this.remote = new StoreBreaker('cache store', config.getOrThrow<number>('REDIS_TIMEOUT_MS'));
  }

  onApplicationShutdown(): void {
    this.remote?.shutdown();
  }

  /** CACHE_TTL_SECONDS=0 turns response caching off. */
  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  fresh(key: string): Promise<CachedResponse | undefined> {
    return this.bounded(() => this.cache.get<CachedResponse>(`fresh:${key}`), undefined);
  }

  stale(key: string): Promise<CachedResponse | undefined> {
    return this.bounded(() => this.cache.get<CachedResponse>(`stale:${key}`), undefined);
  }

  async store(key: string, entry: CachedResponse): Promise<void> {
    await Promise.all([
      this.bounded(() => this.cache.set(`fresh:${key}`, entry, this.ttlSeconds * 1000), undefined),
      this.bounded(() => this.cache.set(`stale:${key}`, entry, this.maxStaleSeconds * 1000), undefined),
    ]);
  }

  /** Drops fresh and stale copies: after a change, the old answer must not come back even on error. */
  async evict(...keys: string[]): Promise<void> {
    await this.bounded(() => this.cache.mdel(keys.flatMap((k) => [`fresh:${k}`, `stale:${k}`])), undefined);
  }

  private async bounded<T>(call: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await (this.remote ? this.remote.run(call) : call());
    } catch (err) {
      if (Date.now() - this.lastWarn > 10_000) {
        this.lastWarn = Date.now();
        this.logger.warn(`cache store unavailable, serving without it: ${(err as Error).message}`);
      }
      return fallback;
    }
  }
}
