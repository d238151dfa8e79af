import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from '@redis/client';
import { StoreBreaker } from './store-breaker';

/**
 * The gateway's shared Redis (REDIS_URL), for state several gateway instances must
 * agree on. Commands fail fast while disconnected (no offline queue), each call has a
 * short deadline, and a Redis that keeps missing it is skipped for a while (StoreBreaker):
 * Redis trouble must never make a request hang, nor every request wait.
 */
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: RedisClientType;
  private lastError = 0;
  private readonly breaker: StoreBreaker;

  constructor(
    url: string,
    readonly timeoutMs: number,
  ) {
    this.breaker = new StoreBreaker('redis', timeoutMs);
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) },
    });
    this.client.on('error', (err: Error) => {
      // Reconnection is automatic; log at most once a minute.
      if (Date.now() - this.lastError > 60_000) this.logger.warn(`redis: ${err.message}`);
      this.lastError = Date.now();
    });
    this.client.connect().catch((err: Error) => this.logger.warn(`redis not reachable yet: ${err.message}`));
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  /** Calls `listener` each time the connection is (re)established: a Redis that restarted may have lost what it held. */
  onReady(listener: () => void): void {
    this.client.on('ready', listener);
  }

  /** Runs one Redis call with the deadline, behind the breaker (see StoreBreaker). */
  run<T>(call: (client: RedisClientType) => Promise<T>): Promise<T> {
    if (!this.client.isReady) return Promise.reject(new Error('redis is not connected'));
    return this.breaker.run(() => call(this.client));
  }

  async onApplicationShutdown(): Promise<void> {
    this.breaker.shutdown();
    if (this.client.isOpen) await this.client.close().catch(() => undefined);
  }
}
