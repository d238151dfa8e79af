import { RedisConnection } from '@pizza/redis';
import { useRedisDataStore } from '@pizza/testing';
import { RedisTicketRepository } from './redis-ticket.repository';
import { behavesAsTicketRepository } from './ticket.repository.contract';

/** Against a real redis-server, as every kitchen-service instance shares it (DATA_REDIS_URL). */
describe('RedisTicketRepository', () => {
  const store = useRedisDataStore((url) => new RedisConnection(url, 1000));
  behavesAsTicketRepository(() => new RedisTicketRepository(store.connection(), store.prefix()));
});
