import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RedisConnection } from '@pizza/redis';

/**
 * Readiness of the shared Redis (REDIS_URL): a real PING within REDIS_TIMEOUT_MS.
 * Without REDIS_URL there is nothing to check. While Redis is down the gateway still
 * serves what does not need it (rate limits follow RATE_LIMIT_STORE_FAILURE, the cache
 * misses), but it is not ready: keyed requests and token checks need Redis.
 */
@Injectable()
export class RedisHealth {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(RedisConnection) private readonly redis: RedisConnection | null,
  ) {}

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    const redis = this.redis;
    if (!redis) return [];
    return [
      async () =>
        this.indicator.check('redis').attempt(async () => {
          // The reason is logged by the connection; the public answer says only what failed.
          await redis.run((client) => client.ping()).catch(() => Promise.reject(new Error('redis did not answer a PING')));
        }),
    ];
  }
}
