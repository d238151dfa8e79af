import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RedisConnection } from '@pizza/redis';

/** Provides the shared RedisConnection when REDIS_URL is set, else null. */
@Global()
@Module({
  providers: [
    {
      provide: RedisConnection,
      useFactory: (config: ConfigService) => {
        const url = config.get<string>('REDIS_URL');
        return url ? new RedisConnection(url, config.getOrThrow<number>('REDIS_TIMEOUT_MS')) : null;
      },
      inject: [ConfigService],
    },
  ],
  exports: [RedisConnection],
})
export class RedisModule {}
