import type { ServiceDescriptor } from '@pizza/contracts-common';
import { createPingController, type ReadinessCheck } from './ping.controller';

describe('createPingController', () => {
  const service: ServiceDescriptor = { name: 'order', clientToken: 'ORDER_SERVICE', queue: 'order-service', defaultPort: 4002 };
  const Ping = createPingController(service, 'order.health.ping') as new (checks: readonly ReadinessCheck[] | null) => { ping(): Promise<unknown> };

  const answering = (name: string): ReadinessCheck => ({ name, check: async () => undefined });
  const silent = (name: string): ReadinessCheck => ({ name, check: async () => Promise.reject(new Error('did not answer a PING')) });

  it('answers ok with nothing to check, or all it needs answering', async () => {
    await expect(new Ping(null).ping()).resolves.toEqual({ service: 'order', status: 'ok' });
    await expect(new Ping([answering('its data store')]).ping()).resolves.toEqual({ service: 'order', status: 'ok' });
  });

  it('refuses with UPSTREAM_UNAVAILABLE, naming what does not answer: the service could serve nothing', async () => {
    await expect(new Ping([answering('a cache'), silent('its data store (DATA_REDIS_URL)')]).ping()).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 503,
      message: 'order cannot serve: its data store (DATA_REDIS_URL) not answering',
    });
  });
});
