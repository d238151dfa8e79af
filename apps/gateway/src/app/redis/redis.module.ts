import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { connectionFromConfig, RedisConnection } from '@pizza/redis';

/** Provides the shared RedisConnection when REDIS_URL is set, else null. */
@Global()
@Module({
  providers: [
    {
      provide: RedisConnection,
      useFactory: (config: ConfigService) => connectionFromConfig(config, 'REDIS_URL', 'REDIS_TIMEOUT_MS'),
      inject: [ConfigService],
    },
  ],
  exports: [RedisConnection],
})
export class RedisModule {}
