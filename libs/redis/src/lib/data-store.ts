import { Global, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { READINESS_CHECKS, type ReadinessCheck } from '@pizza/transport';
import { RedisConnection } from './redis.connection';

/** A service's data store: its Redis connection (DATA_REDIS_URL), or null to keep the data in memory. */
export const DATA_STORE = Symbol('DATA_STORE');

/** A connection to the Redis the config names under `urlKey` (its deadline under `timeoutKey`), or null when it names none. */
export function connectionFromConfig(config: ConfigService, urlKey: string, timeoutKey: string): RedisConnection | null {
  const url = config.get<string>(urlKey);
  return url ? new RedisConnection(url, config.getOrThrow<number>(timeoutKey)) : null;
}

/** Provides DATA_STORE from the service's config (DataStoreEnv), and its readiness check; the connection closes with the app. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_STORE,
      useFactory: (config: ConfigService) => connectionFromConfig(config, 'DATA_REDIS_URL', 'DATA_REDIS_TIMEOUT_MS'),
      inject: [ConfigService],
    },
    {
      // The service's ping fails while its data store does not answer a PING in time (down, or hung
      // with its connection open): it could serve nothing. Behind the connection's breaker, as every call.
      provide: READINESS_CHECKS,
      useFactory: (store: RedisConnection | null): ReadinessCheck[] =>
        store ? [{ name: 'its data store (DATA_REDIS_URL)', check: () => store.run((client) => client.ping()).then(() => undefined) }] : [],
      inject: [DATA_STORE],
    },
  ],
  exports: [DATA_STORE, READINESS_CHECKS],
})
export class DataStoreModule {}

/**
 * A repository port bound to its Redis adapter when the service has a data store, else to its
 * in-memory one: the store is configuration, as the transport is.
 */
export function repositoryProvider<T>(token: symbol, adapters: { memory: () => T; redis: (store: RedisConnection) => T }): Provider {
  return {
    provide: token,
    useFactory: (store: RedisConnection | null) => (store ? adapters.redis(store) : adapters.memory()),
    inject: [DATA_STORE],
  };
}
