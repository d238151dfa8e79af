import { RedisConnection } from '@pizza/redis';
import { useRedisDataStore } from '@pizza/testing';
import { behavesAsOrderRepository } from './order.repository.contract';
import { RedisOrderRepository } from './redis-order.repository';

/** Against a real redis-server, as every order-service instance shares it (DATA_REDIS_URL). */
describe('RedisOrderRepository', () => {
  const store = useRedisDataStore((url) => new RedisConnection(url, 1000));
  behavesAsOrderRepository(() => new RedisOrderRepository(store.connection(), store.prefix()));
});
