import Fastify, { type FastifyInstance } from 'fastify';
import { rawExchange } from '@pizza/testing';
import { ClientErrors, limitRequestTime } from './client-errors';

const LIMIT_MS = 300;

const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;

describe('ClientErrors and limitRequestTime', () => {
  let app: FastifyInstance;
  let port: number;
  const url = () => `http://127.0.0.1:${port}`;
  let refused: string[];

  /** A server whose clients have `limitMs` to send a request, with a handler that takes `slowMs` to answer. */
  async function serve(limitMs: number, slowMs = 0): Promise<void> {
    const clientErrors = new ClientErrors();
    app = Fastify({ clientErrorHandler: clientErrors.handle });
    refused = [];
    clientErrors.configure({ headers: { 'x-frame-options': 'DENY' }, onRefused: (code) => refused.push(code) });
    limitRequestTime(app.server, limitMs);
    app.post('/v1/orders', async (request) => request.body);
    app.post('/v1/slow', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      return request.body;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  }

  beforeEach(() => serve(LIMIT_MS));
  afterEach(() => app.close());

  it('answers a request whose body stalls with a 408 problem at the bound, and closes the connection', async () => {
    const { text, status, closedAfterMs } = await rawExchange(url(), 'POST /v1/orders HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"items":');
    expect(status).toBe(408);
    expect(text).toMatch(/content-type: application\/problem\+json; charset=utf-8/);
    expect(text).toMatch(/x-frame-options: DENY/);
    expect(bodyOf(text)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT', title: 'Request Timeout' });
    // Checked every tenth of the bound, so at most about 1.1 times it (plus slack for a loaded machine; Node's default interval would make it up to 30 s).
    expect(closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS - 5);
    expect(closedAfterMs).toBeLessThan(LIMIT_MS * 1.1 + 3000);
    // For metrics: what was refused, by code.
    expect(refused).toEqual(['REQUEST_TIMEOUT']);
  });

  it('closes a connection that never sends a request within the bound', async () => {
    const { status, closedAfterMs } = await rawExchange(url(), '');
    expect(status).toBe(408);
    expect(closedAfterMs).toBeLessThan(LIMIT_MS * 1.1 + 3000);
  });

  it('answers headers past the size limit with a 431 problem', async () => {
    const { text, status } = await rawExchange(url(), `GET /v1/orders HTTP/1.1\r\nhost: x\r\nx-pad: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(status).toBe(431);
    expect(bodyOf(text)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('answers bytes that are not HTTP with a 400 problem and no parser internals', async () => {
    const { text, status } = await rawExchange(url(), 'HELLO THERE\r\n\r\n');
    expect(status).toBe(400);
    expect(bodyOf(text)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request is not valid HTTP/1.1' });
    expect(text).not.toMatch(/HPE_/);
  });

  it('does not cut off a request that arrived in time and takes longer to answer', async () => {
    // A handler slower than the bound: the bound is on receiving the request, not on answering it.
    // A wider bound here: on a starved machine (CI runs many suites on 2 cores) the process may not
    // read a request that did arrive before Node's check of the bound runs.
    await app.close();
    await serve(1000, 1500);
    const res = await fetch(`http://127.0.0.1:${port}/v1/slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ a: 1 });
  });
});
