import { Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule, MemoryApiKeyStore, MemoryRefreshTokenStore } from '@pizza/auth';
import { AppConfigModule } from '@pizza/config';
import { BillingService } from '@pizza/contracts-billing';
import { KitchenService } from '@pizza/contracts-kitchen';
import { MenuService } from '@pizza/contracts-menu';
import { OrderService } from '@pizza/contracts-order';
import { RedisConnection } from '@pizza/redis';
import { RpcClientsModule } from '@pizza/transport';
import { ApiKeysController } from './admin/api-keys.controller';
import { AuthController } from './auth/auth.controller';
import { RedisApiKeyStore } from './credentials/redis-api-key.store';
import { RedisRefreshTokenStore } from './credentials/redis-refresh-token.store';
import { HttpCache } from './cache/http-cache';
import { createCacheStore } from './cache/cache-store';
import { ResponseCache } from './cache/response-cache';
import { validateGatewayEnv } from './gateway.config';
import { HealthController } from './health/health.controller';
import { NatsHealth } from './health/nats.health';
import { RedisHealth } from './health/redis.health';
import { ServicesHealth } from './health/services.health';
import { KitchenController } from './kitchen/kitchen.controller';
import { IDEMPOTENCY_STORE } from './idempotency/idempotency.store';
import { MemoryIdempotencyStore } from './idempotency/memory-idempotency.store';
import { RedisIdempotencyStore } from './idempotency/redis-idempotency.store';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { DrainState } from './lifecycle/drain.state';
import { MetricsListener } from './metrics/metrics-listener';
import { MetricsModule } from './metrics/metrics.module';
import { MenuController } from './menu/menu.controller';
import { MenuEventsController } from './menu/menu.events.controller';
import { OrdersController } from './orders/orders.controller';

@Module({
  imports: [
    AppConfigModule.forRoot(validateGatewayEnv),
    RedisModule,
    // Global, before RpcClientsModule: its clients report their calls to the metrics (when on).
    MetricsModule,
    // Before AuthModule: the rate limit guard runs before authentication.
    RateLimitModule,
    AuthModule.forRootAsync({
      useFactory: (config: ConfigService, redis: RedisConnection | null) => ({
        algorithm: config.getOrThrow('JWT_ALGORITHM'),
        signKey: config.getOrThrow<string>('JWT_SIGN_KEY'),
        verifyKey: config.getOrThrow<string>('JWT_VERIFY_KEY'),
        issuer: config.getOrThrow<string>('JWT_ISSUER'),
        audience: config.getOrThrow<string>('JWT_AUDIENCE'),
        accessTokenTtlSeconds: config.getOrThrow<number>('JWT_TTL_SECONDS'),
        refreshTokenTtlSeconds: config.getOrThrow<number>('JWT_REFRESH_TTL_SECONDS'),
        demoUsers: config.getOrThrow<boolean>('DEMO_USERS'),
        // Shared by every instance when Redis is configured: a revocation holds everywhere at once.
        refreshTokens: redis ? new RedisRefreshTokenStore(redis) : new MemoryRefreshTokenStore(),
        apiKeys: redis ? new RedisApiKeyStore(redis) : new MemoryApiKeyStore(),
      }),
      inject: [ConfigService, RedisConnection],
    }),
    RpcClientsModule.register({ clients: [MenuService, OrderService, KitchenService, BillingService] }),
    CacheModule.registerAsync({
      isGlobal: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ stores: [createCacheStore(config.get<string>('REDIS_URL'))] }),
    }),
    TerminusModule.forRoot({ errorLogStyle: 'pretty' }),
  ],
  controllers: [AuthController, ApiKeysController, MenuController, MenuEventsController, OrdersController, KitchenController, HealthController],
  providers: [
    ServicesHealth,
    RedisHealth,
    NatsHealth,
    DrainState,
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: (redis: RedisConnection | null) => (redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore()),
      inject: [RedisConnection],
    },
    ResponseCache,
    HttpCache,
    MetricsListener,
  ],
})
export class AppModule {}
