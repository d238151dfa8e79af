import type { ServiceDescriptor } from '@pizza/contracts-common';
import { createPingController, type ReadinessCheck } from './ping.controller';

describe('createPingController', () => {
  const service: ServiceDescriptor = { name: 'order', clientToken: 'ORDER_SERVICE', queue: 'order-service', defaultPort: 4002 };
  const Ping = createPingController(service, 'order.health.ping') as new (checks: readonly ReadinessCheck[] | null) => { ping(): unknown };

  it('answers ok with nothing to check, or all it needs connected', () => {
    expect(new Ping(null).ping()).toEqual({ service: 'order', status: 'ok' });
    expect(new Ping([{ name: 'its data store', ready: true }]).ping()).toEqual({ service: 'order', status: 'ok' });
  });

  it('refuses with UPSTREAM_UNAVAILABLE, naming what is not connected: the service could serve nothing', () => {
    expect(() => new Ping([{ name: 'its data store (DATA_REDIS_URL)', ready: false }]).ping()).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'order cannot serve: its data store (DATA_REDIS_URL) not connected' }),
    );
  });
});
