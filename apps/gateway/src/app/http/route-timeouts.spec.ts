import Fastify, { type FastifyInstance } from 'fastify';
import { applyRouteTimeouts, routeTimeoutOf } from './route-timeouts';

describe('applyRouteTimeouts', () => {
  let app: FastifyInstance;
  /** What the route saw as its deadline, over a real connection. */
  const deadlineOf = async (method: 'GET' | 'HEAD' | 'POST', path: string) => {
    const { port } = app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
    return method === 'HEAD' ? res.headers.get('x-deadline') : ((await res.json()) as { deadline: unknown }).deadline;
  };
  const start = () => app.listen({ port: 0, host: '127.0.0.1' });

  function build(entries: string[]): FastifyInstance {
    const fastify = Fastify();
    applyRouteTimeouts(fastify, entries);
    const answer = async (request: Parameters<typeof routeTimeoutOf>[0], reply: { header(name: string, value: string): unknown }) => {
      reply.header('x-deadline', String(routeTimeoutOf(request) ?? 'none'));
      return { deadline: routeTimeoutOf(request) ?? 'none' };
    };
    fastify.get('/v1/menu/:id', answer);
    fastify.get('/v1/menu', answer);
    fastify.post('/v1/orders/:orderId/payment', answer);
    return fastify;
  }
  afterEach(() => app?.close());

  it('gives each named route its deadline, by method and route whatever its parameters are called, and HEAD its GET’s; others none', async () => {
    // The API table writes :id where the route says :orderId: the same route.
    app = build(['GET /v1/menu/:id=500', 'POST /v1/orders/:id/payment=8000']);
    await start();
    expect(await deadlineOf('GET', '/v1/menu/margherita')).toBe(500);
    expect(await deadlineOf('HEAD', '/v1/menu/margherita')).toBe('500');
    expect(await deadlineOf('POST', '/v1/orders/0b6c3f1e-2a4d-4e8f-9a1b-3c5d7e9f1a2b/payment')).toBe(8000);
    expect(await deadlineOf('GET', '/v1/menu')).toBe('none');
  });

  it('refuses to start when an entry names no route (a typo would silently do nothing)', async () => {
    app = build(['GET /v1/menus/:id=500', 'POST /v1/menu=100', 'GET /v1/menu=300']);
    await expect(app.ready()).rejects.toThrow('ROUTE_TIMEOUTS_MS names no route: GET /v1/menus/:id, POST /v1/menu');
  });

  it('leaves every route without one when there are no entries', async () => {
    app = build([]);
    await start();
    expect(await deadlineOf('GET', '/v1/menu/margherita')).toBe('none');
  });
});
