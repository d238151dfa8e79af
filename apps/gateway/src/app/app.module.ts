import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@pizza/auth';
import { AppConfigModule } from '@pizza/config';
import { BillingService } from '@pizza/contracts-billing';
import { KitchenService } from '@pizza/contracts-kitchen';
import { MenuService } from '@pizza/contracts-menu';
import { OrderService } from '@pizza/contracts-order';
import { RpcClientsModule } from '@pizza/transport';
import { AuthController } from './auth/auth.controller';
import { validateGatewayEnv } from './gateway.config';
import { HealthController } from './health/health.controller';
import { ServicesHealth } from './health/services.health';
import { KitchenController } from './kitchen/kitchen.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IDEMPOTENCY_STORE } from './idempotency/idempotency.store';
import { MemoryIdempotencyStore } from './idempotency/memory-idempotency.store';
import { RedisIdempotencyStore } from './idempotency/redis-idempotency.store';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisConnection } from './redis/redis.connection';
import { RedisModule } from './redis/redis.module';
import { DrainState } from './lifecycle/drain.state';
import { MenuController } from './menu/menu.controller';
import { OrdersController } from './orders/orders.controller';

@Module({
  imports: [
    AppConfigModule.forRoot(validateGatewayEnv),
    RedisModule,
    // Before AuthModule: the rate limit guard runs before authentication.
    RateLimitModule,
    AuthModule.forRootAsync({
      useFactory: (config: ConfigService) => ({
        jwtSecret: config.getOrThrow<string>('JWT_SECRET'),
        issuer: config.getOrThrow<string>('JWT_ISSUER'),
        audience: config.getOrThrow<string>('JWT_AUDIENCE'),
        accessTokenTtlSeconds: config.getOrThrow<number>('JWT_TTL_SECONDS'),
        demoUsers: config.getOrThrow<boolean>('DEMO_USERS'),
      }),
      inject: [ConfigService],
    }),
    RpcClientsModule.register({ clients: [MenuService, OrderService, KitchenService, BillingService] }),
    TerminusModule.forRoot({ errorLogStyle: 'pretty' }),
  ],
  controllers: [AuthController, MenuController, OrdersController, KitchenController, HealthController],
  providers: [
    ServicesHealth,
    DrainState,
    {
      provide: IDEMPOTENCY_STORE,
      useFactory: (redis: RedisConnection | null) => (redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore()),
      inject: [RedisConnection],
    },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class AppModule {}
