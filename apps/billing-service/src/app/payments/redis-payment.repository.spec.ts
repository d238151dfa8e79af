import { RedisConnection } from '@pizza/redis';
import { useRedisDataStore } from '@pizza/testing';
import { behavesAsPaymentRepository } from './payment.repository.contract';
import { RedisPaymentRepository } from './redis-payment.repository';

/** Against a real redis-server, as every billing-service instance shares it (DATA_REDIS_URL). */
describe('RedisPaymentRepository', () => {
  const store = useRedisDataStore((url) => new RedisConnection(url, 1000));
  behavesAsPaymentRepository(() => new RedisPaymentRepository(store.connection(), store.prefix()));
});
