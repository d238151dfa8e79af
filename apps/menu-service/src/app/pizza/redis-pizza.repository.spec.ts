import { RedisConnection } from '@pizza/redis';
import { useRedisDataStore, waitFor } from '@pizza/testing';
import { behavesAsPizzaRepository } from './pizza.repository.contract';
import { RedisPizzaRepository } from './redis-pizza.repository';

/** Against a real redis-server, as every menu-service instance shares it (DATA_REDIS_URL). */
describe('RedisPizzaRepository', () => {
  const store = useRedisDataStore((url) => new RedisConnection(url, 1000));
  behavesAsPizzaRepository(() => new RedisPizzaRepository(store.connection(), store.prefix()));

  it('seeds once: a second instance (or a restart) keeps what the first changed', async () => {
    const prefix = store.prefix();
    const first = new RedisPizzaRepository(store.connection(), prefix);
    await first.update('marinara', { priceCents: 777 });
    const second = new RedisPizzaRepository(store.connection(), prefix);
    expect(await second.findById('marinara')).toMatchObject({ priceCents: 777 });
    expect(await second.findAll()).toHaveLength(7);
  });

  it('gives the menu back when Redis restarts without its data', async () => {
    const repo = new RedisPizzaRepository(store.connection(), store.prefix());
    expect(await repo.findAll()).toHaveLength(7);
    await store.server().pause();
    await waitFor(() => !store.connection().ready, { what: 'the connection to drop' });
    await store.server().resume();
    await waitFor(() => store.connection().ready, { timeoutMs: 10_000, what: 'the connection to come back' });
    expect(await repo.findById('margherita')).toMatchObject({ id: 'margherita' });
    expect(await repo.findAll()).toHaveLength(7);
  });
});
