import Fastify from 'fastify';
import { AllowedMethods } from './allowed-methods';

describe('AllowedMethods', () => {
  it('names the methods routed on a path, parameters and query strings included, and none on a path nothing routes', async () => {
    const app = Fastify();
    const allowed = new AllowedMethods();
    allowed.install(app);
    app.post('/v1/orders', async () => ({}));
    app.get('/v1/orders', async () => []);
    app.route({ method: ['PATCH', 'PUT'], url: '/v1/menu/:id', handler: async () => ({}) });
    await app.ready();
    expect(allowed.on('/v1/orders')).toEqual(['POST', 'GET', 'HEAD']);
    expect(allowed.on('/v1/menu/margherita?x=1').sort()).toEqual(['PATCH', 'PUT']);
    expect(allowed.on('/v1/orders/123')).toEqual([]);
    expect(allowed.on('/v1/nowhere')).toEqual([]);
    await app.close();
  });

  it('knows no path whose parameter would be empty: Nest answers those 404 (GET /v1/menu/ is not GET /v1/menu/:id)', async () => {
    const app = Fastify();
    const allowed = new AllowedMethods();
    allowed.install(app);
    app.get('/v1/menu/:id', async () => ({}));
    app.post('/v1/orders/:id/payment', async () => ({}));
    await app.ready();
    expect(allowed.on('/v1/menu/')).toEqual([]);
    expect(allowed.on('/v1/orders//payment')).toEqual([]);
    expect(allowed.on('/v1/menu/margherita')).toEqual(['GET', 'HEAD']);
    await app.close();
  });

  it('lets a catch-all route (the CORS preflight, OPTIONS *) join the methods of a known path, never make a path known', async () => {
    const app = Fastify();
    const allowed = new AllowedMethods();
    allowed.install(app);
    app.options('*', async () => '');
    app.get('/v1/menu', async () => []);
    await app.ready();
    expect(allowed.on('/v1/menu')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowed.on('/v1/nowhere')).toEqual([]);
    await app.close();
  });
});
