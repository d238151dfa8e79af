import Fastify, { type FastifyInstance } from 'fastify';
import { RouterErrors } from './router-errors';

describe('RouterErrors', () => {
  let app: FastifyInstance;
  let seen: Array<{ status: number; route?: string; requestId: string; ip: string }>;
  let answered: (() => void) | undefined;

  beforeEach(async () => {
    seen = [];
    const routerErrors = new RouterErrors();
    app = Fastify({ genReqId: () => 'req-1', frameworkErrors: routerErrors.handle });
    app.decorateRequest('clientIp', '');
    routerErrors.configure({
      headers: { 'x-frame-options': 'DENY' },
      observers: [
        (request, reply) => {
          seen.push({ status: reply.statusCode, route: request.routeOptions.url, requestId: request.id, ip: request.clientIp });
          answered?.();
        },
      ],
      trustedHops: 0,
    });
    app.get('/v1/orders/:id', async (request) => request.params);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => app.close());

  /** Over real HTTP; resolves once the observers were told (which may come after the client read the answer). */
  const get = async (path: string) => {
    const { port } = app.server.address() as { port: number };
    const told = new Promise<void>((resolve) => (answered = resolve));
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    const body = await res.text();
    await told;
    return { res, body, problem: JSON.parse(body) as Record<string, unknown> };
  };

  it('answers a broken percent-encoding with a 400 problem, the gateway headers and no Fastify internals', async () => {
    const { res, body, problem } = await get('/v1/orders/%zz');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toBe('req-1');
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', requestId: 'req-1' });
    expect(body).not.toContain('FST_ERR');
  });

  it('answers an over-long path parameter with a 414 problem', async () => {
    const { res, body, problem } = await get(`/v1/orders/${'a'.repeat(300)}`);
    expect(res.status).toBe(414);
    expect(problem).toMatchObject({ status: 414, code: 'URI_TOO_LONG', detail: 'A path segment is too long' });
    expect(body).not.toContain('FST_ERR');
  });

  it('tells the observers (metrics, access log) of these answers, with no route and the client address', async () => {
    await get('/v1/orders/%zz');
    await get(`/v1/orders/${'a'.repeat(300)}`);
    expect(seen).toEqual([
      { status: 400, route: undefined, requestId: 'req-1', ip: '127.0.0.1' },
      { status: 414, route: undefined, requestId: 'req-1', ip: '127.0.0.1' },
    ]);
  });
});
