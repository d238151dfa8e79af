import { RedisServer } from './redis-server';
import { waitFor } from './wait-for';

/** What `useRedisDataStore` needs of a connection (RedisConnection of @pizza/redis has it). */
export interface TestRedisConnection {
  readonly ready: boolean;
  onApplicationShutdown(): Promise<void>;
}

/**
 * For a describe block of repository tests: a real redis-server (its own, on a free port) and a
 * connection to it made by `connect`, ready before the block's first case and closed with the
 * server after its last. Cases keep apart by key prefix (`prefix()` gives a new one each call).
 */
export function useRedisDataStore<C extends TestRedisConnection>(connect: (url: string) => C): { connection: () => C; prefix: () => string; server: () => RedisServer } {
  let redis: RedisServer | undefined;
  let connection: C | undefined;
  let cases = 0;
  beforeAll(async () => {
    redis = await RedisServer.start();
    const connecting = connect(redis.url);
    connection = connecting;
    await waitFor(() => connecting.ready, { what: 'the connection to redis-server' });
  });
  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await redis?.stop();
  });
  return {
    connection: () => {
      if (!connection) throw new Error('useRedisDataStore: no connection outside a test');
      return connection;
    },
    prefix: () => `case${++cases}:`,
    server: () => {
      if (!redis) throw new Error('useRedisDataStore: no server outside a test');
      return redis;
    },
  };
}
