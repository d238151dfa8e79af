import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisConnection } from '@pizza/redis';
import { RedisModule } from '../redis/redis.module';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitGuard } from './rate-limit.guard';
import { rateLimitPolicy, toThrottlerOptions } from './rate-limit.policy';
import { RedisThrottlerStorage, type StoreFailureMode } from './redis-throttler.storage';

/**
 * Rate limiting. Memory by default (one instance); Redis when REDIS_URL is set, so
 * N gateway instances enforce one global limit. Import it before AuthModule: its
 * guard then runs first.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RedisModule],
      inject: [ConfigService, RedisConnection],
      useFactory: (config: ConfigService, redis: RedisConnection | null) => ({
        throttlers: toThrottlerOptions(
          rateLimitPolicy({
            RATE_LIMITS: config.getOrThrow('RATE_LIMITS'),
            RATE_LIMIT_LOGIN: config.getOrThrow('RATE_LIMIT_LOGIN'),
            RATE_LIMIT_ORDERS: config.getOrThrow('RATE_LIMIT_ORDERS'),
          }),
        ),
        storage: redis ? new RedisThrottlerStorage(redis, config.getOrThrow<StoreFailureMode>('RATE_LIMIT_STORE_FAILURE')) : new MemoryThrottlerStorage(),
      }),
    }),
  ],
  providers: [RateLimitGuard, { provide: APP_GUARD, useExisting: RateLimitGuard }],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
