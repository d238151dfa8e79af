import { KitchenPatterns } from '@pizza/contracts-kitchen';
import { MenuPatterns } from '@pizza/contracts-menu';
import { apiClient, scrapeMetrics, startNats, Stack, waitFor, type ApiResponse, type AppName, type NatsHandle } from '@pizza/testing';

/**
 * The whole ordering flow, black-box over HTTP against the real built apps, once
 * per transport with the same cases. Short deadlines keep failure cases quick.
 */
// The flows here place more orders per user than the default per-user limit (10/1m) lets through;
// that limit is the rate-limit suite's to test.
const TIMEOUTS = { RPC_TIMEOUT_MS: '1500', AGGREGATE_DEADLINE_MS: '1000', RATE_LIMIT_ORDERS: '100/1m' };

describe.each(['tcp', 'nats'] as const)('ordering flow over %s', (transport) => {
  let stack: Stack;
  let nats: NatsHandle | undefined;
  const api = apiClient(() => stack.baseUrl);
  const tokens: Record<string, string> = {};
  const metrics = (app: AppName = 'gateway') => scrapeMetrics(stack.metricsUrl(app));

  const login = async (username: string) => {
    const res = await api('POST', '/v1/auth/login', { body: { username, password: `${username}-pizza` } });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };
  const createOrder = async (token: string, items = [{ pizzaId: 'margherita', quantity: 2 }]) => {
    const res = await api('POST', '/v1/orders', { token, body: { items } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const view = (id: string, token = tokens['alice']) => api('GET', `/v1/orders/${id}`, { token });
  const orderStatusBecomes = (id: string, status: string) =>
    waitFor(async () => (await view(id)).body?.order?.status === status, { timeoutMs: 5000, what: `order ${id} to be ${status}` });

  beforeAll(async () => {
    if (transport === 'nats') nats = await startNats();
    stack = await new Stack({ transport, natsUrl: nats?.url, env: TIMEOUTS, metrics: true }).start();
    for (const u of ['alice', 'bob', 'chef', 'admin']) tokens[u] = await login(u);
  });

  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  afterEach(() => {
    // On failure, the processes' output is the first thing one wants.
    if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) process.stderr.write(stack.logs());
  });

  describe('menu (public)', () => {
    it('lists at least six pizzas with integer prices', async () => {
      const res = await api('GET', '/v1/menu');
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThanOrEqual(6);
      for (const p of res.body) {
        expect(p).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), currency: 'EUR', available: expect.any(Boolean) }));
        expect(Number.isInteger(p.priceCents)).toBe(true);
      }
    });

    it('serves one pizza, and 404 problem+json for an unknown id', async () => {
      expect((await api('GET', '/v1/menu/margherita')).body).toMatchObject({ id: 'margherita', priceCents: 900 });
      const missing = await api('GET', '/v1/menu/hawaii');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(missing.body).toMatchObject({ status: 404, code: 'MENU.PIZZA_NOT_FOUND', title: 'Not Found', type: expect.any(String) });
    });

    it('answers a wrong method on a known path 405 with Allow, and an unknown path 404, both problem+json', async () => {
      const wrong = await api('DELETE', '/v1/orders');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      expect(wrong.body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', instance: '/v1/orders' });
      expect(wrong.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
      const param = await api('PUT', '/v1/menu/margherita?x=1');
      expect(param.status).toBe(405);
      expect(param.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
      const unknown = await api('DELETE', '/v1/nowhere');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('allow')).toBeNull();
      expect(unknown.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      // An empty id routes nowhere (Nest answers it 404), so it is no wrong method either.
      const emptyId = await api('GET', '/v1/menu/');
      expect(emptyId.status).toBe(404);
      expect(emptyId.headers.get('allow')).toBeNull();
    });

    it('echoes a caller request id, and mints one otherwise', async () => {
      expect((await api('GET', '/v1/menu', { headers: { 'x-request-id': 'trace-123' } })).headers.get('x-request-id')).toBe('trace-123');
      expect((await api('GET', '/v1/menu')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('allows no cross-origin browser call by default (no CORS_ORIGINS)', async () => {
      const origin = 'https://shop.example';
      expect((await api('GET', '/v1/menu', { headers: { origin } })).headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await api('OPTIONS', '/v1/orders', { headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  describe('authentication and roles', () => {
    it('issues a bearer token and a refresh token with their lifetimes', async () => {
      const res = await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } });
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^rt_/),
        refreshExpiresIn: 7 * 86_400,
      });
    });

    it('answers a wrong password and an unknown user with the same 401', async () => {
      const wrong = await api('POST', '/v1/auth/login', { body: { username: 'alice', password: 'bob-pizza' } });
      const unknown = await api('POST', '/v1/auth/login', { body: { username: 'mallory', password: 'x' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('refuses orders without a token or with a forged one (401), with a challenge saying how to authenticate', async () => {
      const none = await api('POST', '/v1/orders', { body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="pizza-gateway"');
      const forged = tokens['alice'].slice(0, -4) + 'AAAA';
      const res = await api('GET', '/v1/orders', { token: forged });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="pizza-gateway", error="invalid_token"');
    });

    it('keeps customers out of the kitchen and staff out of ordering (403)', async () => {
      expect((await api('GET', '/v1/kitchen/tickets', { token: tokens['alice'] })).body.code).toBe('FORBIDDEN');
      expect((await api('POST', '/v1/orders', { token: tokens['chef'], body: { items: [{ pizzaId: 'margherita', quantity: 1 }] } })).status).toBe(403);
      expect((await api('GET', '/v1/kitchen/tickets', { token: tokens['admin'] })).status).toBe(200);
    });
  });

  describe('placing an order', () => {
    it('prices it server-side in integer cents and replies 201', async () => {
      const order = await createOrder(tokens['alice'], [
        { pizzaId: 'margherita', quantity: 2 },
        { pizzaId: 'diavola', quantity: 1 },
      ]);
      expect(order).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'awaiting_payment',
        customerId: 'alice',
        totalCents: 2 * 900 + 1150,
        currency: 'EUR',
        items: [
          { pizzaId: 'margherita', name: 'Margherita', quantity: 2, unitPriceCents: 900 },
          { pizzaId: 'diavola', name: 'Diavola', quantity: 1, unitPriceCents: 1150 },
        ],
      });
      expect(Date.parse(order.createdAt)).not.toBeNaN();
    });

    it.each([
      ['an unknown field (mass assignment)', { items: [{ pizzaId: 'margherita', quantity: 1 }], totalCents: 1 }],
      ['no items', { items: [] }],
      ['quantity 21', { items: [{ pizzaId: 'margherita', quantity: 21 }] }],
      ['quantity 0', { items: [{ pizzaId: 'margherita', quantity: 0 }] }],
      ['21 lines', { items: Array.from({ length: 21 }, (_, i) => ({ pizzaId: `p${i}`, quantity: 1 })) }],
      ['a customerId of someone else', { items: [{ pizzaId: 'margherita', quantity: 1 }], customerId: 'bob' }],
    ])('refuses %s with 400 problem+json', async (_label, body) => {
      const res = await api('POST', '/v1/orders', { token: tokens['alice'], body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.any(Array) });
    });

    it('names the rule a field breaks: a value of the wrong kind hears only that it is of the wrong kind', async () => {
      const errorsFor = async (body: unknown) => (await api('POST', '/v1/orders', { token: tokens['alice'], body })).body.errors;
      expect(await errorsFor({ items: [{ pizzaId: 'margherita', quantity: '2' }] })).toEqual(['items.0.quantity: quantity must be an integer number']);
      expect(await errorsFor({ items: null })).toEqual(['items: items must be an array']);
      expect(await errorsFor({ items: [{ pizzaId: 'margherita', quantity: 21 }] })).toEqual(['items.0.quantity: quantity must not be greater than 20']);
    });

    it('refuses malformed JSON with 400 and a non-JSON body with 415', async () => {
      const malformed = await api('POST', '/v1/orders', { token: tokens['alice'], rawBody: '{"items": [', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('MALFORMED_JSON');
      const text = await api('POST', '/v1/orders', { token: tokens['alice'], rawBody: 'items=1', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
    });

    it('refuses an unknown or sold-out pizza with 422 and a code', async () => {
      const unknown = await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'hawaii', quantity: 1 }] } });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('ORDER.UNKNOWN_PIZZA');
      const soldOut = await api('POST', '/v1/orders', { token: tokens['alice'], body: { items: [{ pizzaId: 'tartufo', quantity: 1 }] } });
      expect(soldOut.status).toBe(422);
      expect(soldOut.body.code).toBe('ORDER.PIZZA_UNAVAILABLE');
    });

    it('lists only the caller’s own orders', async () => {
      const mine = await createOrder(tokens['bob']);
      const bobs = (await api('GET', '/v1/orders', { token: tokens['bob'] })).body;
      const alices = (await api('GET', '/v1/orders', { token: tokens['alice'] })).body;
      expect(bobs.map((o: { id: string }) => o.id)).toContain(mine.id);
      expect(bobs.every((o: { customerId: string }) => o.customerId === 'bob')).toBe(true);
      expect(alices.map((o: { id: string }) => o.id)).not.toContain(mine.id);
    });

    it('lists a page at a time, newest first: Link rel="next" leads through every order once, and a bad page is 400', async () => {
      for (let i = 0; i < 3; i++) await createOrder(tokens['bob']);
      const all = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.map((o: { id: string }) => o.id);
      expect(all.length).toBeGreaterThanOrEqual(3);
      const paged: string[] = [];
      let url: string | undefined = '/v1/orders?limit=2';
      while (url) {
        const page: ApiResponse<Array<{ id: string }>> = await api('GET', url, { token: tokens['bob'] });
        expect(page.status).toBe(200);
        expect(page.body.length).toBeLessThanOrEqual(2);
        paged.push(...page.body.map((o) => o.id));
        const link: string | null = page.headers.get('link');
        if (link) expect(link).toMatch(/^<\/v1\/orders\?limit=2&after=[\w-]+>; rel="next"$/);
        url = link?.slice(1, link.indexOf('>'));
      }
      expect(paged).toEqual(all);
      for (const bad of ['limit=0', 'limit=101', 'limit=ten', 'after=***', 'after=bm90LWEtY3Vyc29y', 'page=2']) {
        const res = await api('GET', `/v1/orders?${bad}`, { token: tokens['bob'] });
        expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
      }
    });

    it('shows the kitchen queue oldest first, a page at a time, filtered by status: the next page keeps the filter', async () => {
      for (let i = 0; i < 2; i++) {
        const order = await createOrder(tokens['bob']);
        expect((await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' } })).status).toBe(200);
      }
      const chef = { token: tokens['chef'] };
      const all = (await waitFor(async () => {
        const res = await api('GET', '/v1/kitchen/tickets?status=queued&limit=100', chef);
        return res.body.length >= 2 ? res.body : undefined;
      }, { what: 'two queued tickets' })) as Array<{ id: string; status: string; createdAt: string }>;
      expect(all.map((t) => t.createdAt)).toEqual(all.map((t) => t.createdAt).sort());
      const first = await api('GET', '/v1/kitchen/tickets?status=queued&limit=1', chef);
      expect(first.body).toEqual([all[0]]);
      const link = first.headers.get('link') ?? '';
      expect(link).toMatch(/^<\/v1\/kitchen\/tickets\?[^>]+>; rel="next"$/);
      const next = new URL(link.slice(1, link.indexOf('>')), stack.baseUrl);
      expect(Object.fromEntries(next.searchParams)).toEqual({ status: 'queued', limit: '1', after: expect.stringMatching(/^[\w-]+$/) });
      const second = await api('GET', `${next.pathname}${next.search}`, chef);
      expect(second.body).toEqual([all[1]]);
      expect((await api('GET', '/v1/kitchen/tickets?status=cancelled', chef)).status).toBe(400);
    });
  });

  describe('ownership', () => {
    let order: { id: string };
    beforeAll(async () => {
      order = await createOrder(tokens['alice']);
    });

    it('hides alice’s order from bob (404) on read, pay and cancel', async () => {
      expect((await view(order.id, tokens['bob'])).status).toBe(404);
      const pay = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['bob'], body: { cardToken: 'tok_visa' } });
      expect(pay.status).toBe(404);
      expect((await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['bob'] })).status).toBe(404);
      expect((await view(order.id)).body.order.status).toBe('awaiting_payment');
    });

    it('lets staff and admins read it', async () => {
      expect((await view(order.id, tokens['chef'])).status).toBe(200);
      expect((await view(order.id, tokens['admin'])).status).toBe(200);
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
      expect((await view('not-a-uuid')).status).toBe(400);
      expect((await view('6f1c2a7e-0000-4000-8000-000000000000')).body.code).toBe('ORDER.NOT_FOUND');
    });
  });

  describe('payment, kitchen and the order following them', () => {
    let order: { id: string; totalCents: number };
    let ticketId: string;

    beforeAll(async () => {
      order = await createOrder(tokens['alice']);
    });

    it('shows the aggregated view before payment: pending payment, no ticket', async () => {
      const res = await waitFor(async () => {
        const r = await view(order.id);
        return r.body.payment ? r : undefined;
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ order: { id: order.id }, payment: { status: 'pending', amountCents: order.totalCents }, kitchen: null, errors: [] });
    });

    it('declines tok_chargeDeclined with 402 PAYMENT.DECLINED and charges nothing', async () => {
      const res = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['alice'], body: { cardToken: 'tok_chargeDeclined' } });
      expect(res.status).toBe(402);
      expect(res.body.code).toBe('PAYMENT.DECLINED');
      expect((await view(order.id)).body.order.status).toBe('awaiting_payment');
    });

    it('charges tok_visa, then refuses to charge twice (409)', async () => {
      const paid = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['alice'], body: { cardToken: 'tok_visa' } });
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({ orderId: order.id, status: 'succeeded', amountCents: order.totalCents });
      const again = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['alice'], body: { cardToken: 'tok_visa' } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('PAYMENT.ALREADY_PAID');
    });

    it('marks the order paid and queues a kitchen ticket', async () => {
      await orderStatusBecomes(order.id, 'paid');
      const res = await waitFor(async () => {
        const r = await view(order.id);
        return r.body.kitchen ? r : undefined;
      });
      expect(res.body.kitchen).toEqual({ ticketId: expect.any(String), status: 'queued' });
      expect(res.body.payment).toEqual({ status: 'succeeded', amountCents: order.totalCents });
      ticketId = res.body.kitchen.ticketId;
      const queue = await api('GET', '/v1/kitchen/tickets?status=queued&limit=100', { token: tokens['chef'] });
      expect(queue.body.find((t: { id: string }) => t.id === ticketId)).toMatchObject({ orderId: order.id, status: 'queued', items: [{ pizzaId: 'margherita', quantity: 2 }] });
    });

    it('advances the ticket to ready, the order following each step', async () => {
      for (const status of ['preparing', 'baking', 'ready']) {
        const res = await api('POST', `/v1/kitchen/tickets/${ticketId}/advance`, { token: tokens['chef'] });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(status);
        await orderStatusBecomes(order.id, status);
      }
      const past = await api('POST', `/v1/kitchen/tickets/${ticketId}/advance`, { token: tokens['chef'] });
      expect(past.status).toBe(409);
      expect(past.body.code).toBe('KITCHEN.INVALID_TRANSITION');
    });

    it('refuses to advance for a customer (403) and an unknown ticket (404)', async () => {
      expect((await api('POST', `/v1/kitchen/tickets/${ticketId}/advance`, { token: tokens['alice'] })).status).toBe(403);
      const unknown = await api('POST', '/v1/kitchen/tickets/6f1c2a7e-0000-4000-8000-000000000000/advance', { token: tokens['chef'] });
      expect(unknown.body.code).toBe('KITCHEN.TICKET_NOT_FOUND');
    });

    it('refuses to cancel a ready order (409)', async () => {
      const res = await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['alice'] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORDER.INVALID_TRANSITION');
    });
  });

  describe('cancelling', () => {
    it('cancels an unpaid order; a second cancel (a retry) gets it as it is; it can no longer be paid, and nothing is due', async () => {
      const order = await createOrder(tokens['alice']);
      await waitFor(async () => (await view(order.id)).body.payment?.status === 'pending', { what: 'the pending payment' });
      const res = await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['alice'] });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('cancelled');
      const again = await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['alice'] });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(res.body);
      const pay = await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['alice'], body: { cardToken: 'tok_visa' } });
      expect(pay.status).toBe(409);
      const settled = await waitFor(async () => {
        const r = await view(order.id);
        return r.body.payment?.status !== 'pending' ? r : undefined;
      }, { what: 'the payment to be settled' });
      expect(settled.body.payment).toEqual({ status: 'cancelled', amountCents: order.totalCents });
    });

    it('refunds a paid order that is cancelled and drops its ticket', async () => {
      const order = await createOrder(tokens['alice']);
      expect((await api('POST', `/v1/orders/${order.id}/payment`, { token: tokens['alice'], body: { cardToken: 'tok_visa' } })).status).toBe(200);
      await orderStatusBecomes(order.id, 'paid');
      await waitFor(async () => (await view(order.id)).body.kitchen?.status === 'queued', { what: 'a queued ticket' });
      expect((await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['alice'] })).status).toBe(200);
      const res = await waitFor(async () => {
        const r = await view(order.id);
        return r.body.payment?.status === 'refunded' && r.body.kitchen?.status === 'cancelled' ? r : undefined;
      }, { what: 'refund and ticket cancellation' });
      expect(res.body.order.status).toBe('cancelled');
    });
  });

  describe('API docs', () => {
    it('document the Idempotency-Key header, and its 409 and 422, on the two POSTs that honour it only', async () => {
      const doc = (await api('GET', '/docs-json')).body;
      const keyed = (path: string) => ({
        header: (doc.paths[path].post.parameters ?? []).some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'Idempotency-Key'),
        statuses: Object.keys(doc.paths[path].post.responses).filter((s) => s === '409' || s === '422'),
      });
      expect(keyed('/v1/orders')).toEqual({ header: true, statuses: ['409', '422'] });
      expect(keyed('/v1/orders/{orderId}/payment')).toEqual({ header: true, statuses: ['409', '422'] });
      expect(keyed('/v1/orders/{orderId}/cancel')).toEqual({ header: false, statuses: [] });
      expect(doc.paths['/v1/orders'].post.responses['409'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    });

    it('give every request body and every answer with a body a schema naming its fields, so a client can be generated from it', async () => {
      const doc = (await api('GET', '/docs-json')).body;
      type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[] };
      const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop() as string] : schema);
      const fields = (schema: Schema): string[] => {
        const resolved = resolve(schema);
        return Object.keys(resolve(resolved.type === 'array' && resolved.items ? resolved.items : resolved).properties ?? {});
      };
      for (const [path, item] of Object.entries<Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>(doc.paths)) {
        if (path.startsWith('/health')) continue;
        for (const [method, op] of Object.entries(item)) {
          const route = `${method} ${path}`;
          if (op.requestBody) expect([route, fields(op.requestBody.content['application/json'].schema).length > 0]).toEqual([route, true]);
          const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
          expect([route, success.length]).toEqual([route, 1]);
          const [[status, response]] = success;
          if (status !== '204') expect([route, fields(response.content?.['application/json']?.schema ?? {}).length > 0]).toEqual([route, true]);
        }
      }
      expect(fields(doc.paths['/v1/orders'].post.requestBody.content['application/json'].schema)).toEqual(['items']);
      expect(fields(doc.paths['/v1/orders'].post.responses['201'].content['application/json'].schema)).toEqual(expect.arrayContaining(['id', 'status', 'items', 'totalCents']));
      expect(fields(doc.paths['/v1/orders/{orderId}'].get.responses['200'].content['application/json'].schema)).toEqual(['order', 'payment', 'kitchen', 'errors']);
      expect(resolve({ $ref: '#/components/schemas/PaymentDto' }).properties?.['status']).toMatchObject({ enum: expect.arrayContaining(['pending', 'succeeded', 'refunded']) });
    });

    it('say who may call each route, as the guards enforce it, so the docs UI sends the credentials it was given', async () => {
      const doc = (await api('GET', '/docs-json')).body;
      const both = [{ bearer: [] }, { 'api-key': [] }];
      expect(doc.paths['/v1/menu/{id}'].get.security).toEqual([]);
      expect(doc.paths['/v1/auth/login'].post.security).toEqual([]);
      expect(doc.paths['/v1/menu/{id}'].patch.security).toEqual(both);
      expect(doc.paths['/v1/menu/{id}'].patch.description).toContain('Roles: staff, admin.');
      expect(doc.paths['/v1/orders'].post.security).toEqual(both);
      expect(doc.paths['/v1/orders'].post.description).toContain('orders:write');
      expect(Object.keys(doc.paths['/v1/orders'].post.responses)).toEqual(expect.arrayContaining(['401', '403', '429', 'default']));
      // Every route: documented as needing credentials exactly when a call without them is refused with 401.
      for (const [path, item] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const status = (await api(method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'margherita'))).status;
          expect([`${method} ${path}`, status === 401]).toEqual([`${method} ${path}`, (op.security ?? []).length > 0]);
        }
      }
      expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
      expect(doc.paths['/v1/orders'].post.responses.default.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    });
  });

  describe('errors never leak internals', () => {
    it('answers an unknown route with 404 problem+json', async () => {
      const res = await api('GET', '/v1/nothing-here');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('shows no stack trace or file path in any error body', async () => {
      const bodies = await Promise.all([
        api('POST', '/v1/orders', { token: tokens['alice'], rawBody: '{', headers: { 'content-type': 'application/json' } }),
        api('GET', '/v1/menu/hawaii'),
        api('POST', '/v1/orders', { token: tokens['alice'], body: { items: 'x' } }),
      ]);
      for (const b of bodies) expect(b.text).not.toMatch(/\bat \S+ \(|\.js:\d+|node_modules|Error:/);
    });
  });

  describe('metrics', () => {
    const menuGet = (status: number) => `http_request_duration_seconds_count{method="GET",route="/v1/menu/:id",status_code="${status}"}`;
    const menuRpc = (outcome: string) => `rpc_client_duration_seconds_count{service="menu",pattern="${MenuPatterns.GET_PIZZA}",outcome="${outcome}"}`;

    it('counts each answer by route template and status, and each call to a service by outcome', async () => {
      const before = await metrics();
      for (let i = 0; i < 3; i++) expect((await api('GET', '/v1/menu/margherita')).status).toBe(200);
      expect((await api('GET', '/v1/menu/hawaii')).status).toBe(404);
      // Recorded once each answer is written: wait for the last one rather than race it.
      const after = await waitFor(async () => {
        const m = await metrics();
        return (m.get(menuGet(404)) ?? 0) > (before.get(menuGet(404)) ?? 0) ? m : undefined;
      }, { what: 'the answers in the metrics' });
      expect((after.get(menuGet(200)) ?? 0) - (before.get(menuGet(200)) ?? 0)).toBe(3);
      expect((after.get(menuGet(404)) ?? 0) - (before.get(menuGet(404)) ?? 0)).toBe(1);
      // The unknown pizza reached menu-service, which answered with its coded error.
      expect((after.get(menuRpc('rejected')) ?? 0) - (before.get(menuRpc('rejected')) ?? 0)).toBe(1);
      expect(after.get(menuRpc('ok'))).toBeGreaterThanOrEqual(1);
      expect([...after.keys()].some((k) => k.includes('margherita') || k.includes('hawaii'))).toBe(false);
    });

    it('shows on the service side the calls the gateway made: menu-service counts what it handled, by outcome', async () => {
      const handled = (outcome: string) => `rpc_server_duration_seconds_count{service="menu",pattern="${MenuPatterns.GET_PIZZA}",outcome="${outcome}"}`;
      const delta = (after: Map<string, number>, before: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      const [gatewayBefore, menuBefore] = [await metrics(), await metrics('menu')];
      expect((await api('GET', '/v1/menu/no-such-pizza')).status).toBe(404);
      expect((await api('GET', '/v1/menu/funghi')).status).toBe(200);
      // menu-service records a message before it answers: once the gateway has its answers, they are counted.
      const [gatewayAfter, menuAfter] = [await metrics(), await metrics('menu')];
      expect(delta(menuAfter, menuBefore, handled('rejected'))).toBe(1);
      // However many of these the cache answered, the service handled exactly the calls the gateway sent.
      expect(delta(menuAfter, menuBefore, handled('ok'))).toBe(delta(gatewayAfter, gatewayBefore, menuRpc('ok')));
      expect(menuAfter.get(handled('error')) ?? 0).toBe(0);
      expect(menuAfter.get('nodejs_eventloop_lag_p99_seconds{service="menu"}')).toBeGreaterThanOrEqual(0);
    });

    it("shows a service's own calls to another: order-service times its quotes to menu-service as the gateway times its calls", async () => {
      const quotes = (outcome: string) => `rpc_client_duration_seconds_count{service="menu",pattern="${MenuPatterns.QUOTE_PIZZAS}",outcome="${outcome}"}`;
      const quoted = `rpc_server_duration_seconds_count{service="menu",pattern="${MenuPatterns.QUOTE_PIZZAS}",outcome="ok"}`;
      const delta = (after: Map<string, number>, before: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      const [orderBefore, menuBefore] = [await metrics('order'), await metrics('menu')];
      await createOrder(tokens['bob']);
      await createOrder(tokens['bob'], [{ pizzaId: 'funghi', quantity: 1 }]);
      const [orderAfter, menuAfter] = [await metrics('order'), await metrics('menu')];
      // One quote per order, seen from both ends.
      expect(delta(orderAfter, orderBefore, quotes('ok'))).toBe(2);
      expect(delta(menuAfter, menuBefore, quoted)).toBe(2);
      expect(orderAfter.get(quotes('timeout')) ?? 0).toBe(0);
      // Its client's breaker and instances, as the gateway shows its own.
      expect(orderAfter.get('circuit_breaker_state{service="menu"}')).toBe(0);
      expect(orderAfter.get('rpc_client_instances{service="menu",state="healthy"}')).toBe(1);
      expect(orderAfter.get('nodejs_eventloop_lag_p99_seconds{service="order"}')).toBeGreaterThanOrEqual(0);
    });

    it('shows every breaker closed and every instance in rotation, and the process itself', async () => {
      const m = await metrics();
      for (const service of ['menu', 'order', 'kitchen', 'billing']) {
        expect(m.get(`circuit_breaker_state{service="${service}"}`)).toBe(0);
        expect(m.get(`rpc_client_instances{service="${service}",state="healthy"}`)).toBe(1);
      }
      expect(m.get('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    });

    it('are served on their own port only: the public one has no /metrics', async () => {
      const res = await api('GET', '/metrics');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('a gateway restart', () => {
    it('keeps Idempotency-Keys good: the gateway forgot them (memory store), the order and billing services did not', async () => {
      const keyed = (key: string) => ({ token: tokens['bob'], headers: { 'idempotency-key': key } });
      const place = () => api('POST', '/v1/orders', { ...keyed('across-restart'), body: { items: [{ pizzaId: 'funghi', quantity: 1 }] } });
      const order = await place();
      expect(order.status).toBe(201);
      const pay = () => api('POST', `/v1/orders/${order.body.id}/payment`, { ...keyed('pay-across-restart'), body: { cardToken: 'tok_visa' } });
      const paid = await pay();
      expect(paid.status).toBe(200);
      const orders = (await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length;

      await stack.restart('gateway');
      const again = await place();
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(order.body.id);
      const paidAgain = await pay();
      expect(paidAgain.status).toBe(200);
      expect(paidAgain.body.id).toBe(paid.body.id);
      expect((await api('GET', '/v1/orders?limit=100', { token: tokens['bob'] })).body.length).toBe(orders);
    });
  });

  describe('access log', () => {
    it('writes one line per answer with the request id the client sent, and no query string', async () => {
      // A second gateway that logs at level log (this stack runs at warn); an empty METRICS_PORT: no second listener.
      const url = await stack.addGateway('gateway#2', { LOG_LEVEL: 'log', METRICS_PORT: '' });
      const res = await fetch(`${url}/v1/menu/margherita?promo=secret-code`, { headers: { 'x-request-id': `trace-${transport}-1` } });
      expect(res.status).toBe(200);
      const gateway = stack.process('gateway#2');
      const line = await waitFor(() => gateway.logs().split('\n').find((l) => l.includes(`id=trace-${transport}-1`)), { what: 'the access line' });
      expect(line).toMatch(new RegExp(`GET /v1/menu/margherita 200 [\\d.]+ms id=trace-${transport}-1 ip=127\\.0\\.0\\.1`));
      expect(gateway.logs()).not.toContain('secret-code');
      await gateway.stop();
    });
  });

  // Last: it kills a service for good.
  describe('a service dies', () => {
    it('still answers the order view with kitchen null and an errors entry, and readiness turns 503', async () => {
      const order = await createOrder(tokens['alice']);
      await waitFor(async () => (await view(order.id)).body.payment !== null, { what: 'the pending payment' });
      const kitchen = stack.process('kitchen');
      kitchen.signal('SIGKILL');
      await kitchen.exited;

      const t0 = Date.now();
      const res = await view(order.id);
      const elapsed = Date.now() - t0;
      expect(res.status).toBe(200);
      expect(res.body.order.id).toBe(order.id);
      expect(res.body.kitchen).toBeNull();
      expect(res.body.errors).toEqual([{ part: 'kitchen', code: expect.stringMatching(/^UPSTREAM_(UNAVAILABLE|TIMEOUT)$/) }]);
      expect(elapsed).toBeLessThan(Number(TIMEOUTS.AGGREGATE_DEADLINE_MS) + 1000);

      const ready = await waitFor(async () => {
        const r = await api('GET', '/health/ready');
        return r.status === 503 ? r : undefined;
      });
      expect(ready.body.error).toHaveProperty('kitchen');
      expect(ready.body.details.menu.status).toBe('up');
      expect((await api('GET', '/health/live')).status).toBe(200);
      // And the metrics show why: calls to kitchen that found no one, or no answer.
      const m = await metrics();
      const failed = [...m].filter(([k]) => k.startsWith(`rpc_client_duration_seconds_count{service="kitchen",pattern="${KitchenPatterns.FIND_TICKET}",outcome="`) && !k.endsWith('outcome="ok"}'));
      expect(failed.reduce((n, [, v]) => n + v, 0)).toBeGreaterThanOrEqual(1);
    });

    it('does not cancel while the kitchen cannot say whether the pizza is in the oven: 503 problem+json, the order unchanged', async () => {
      const order = await createOrder(tokens['alice']);
      const res = await api('POST', `/v1/orders/${order.id}/cancel`, { token: tokens['alice'] });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('UPSTREAM_UNAVAILABLE');
      expect((await view(order.id)).body.order.status).toBe('awaiting_payment');
    });
  });
});
