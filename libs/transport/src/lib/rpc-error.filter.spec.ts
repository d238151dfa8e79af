import { Logger, type ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@pizza/contracts-common';
import { firstValueFrom } from 'rxjs';
import { RpcErrorFilter } from './rpc-error.filter';
import { UpstreamError } from './upstream.error';

/** What Nest hands the filter for a message handled by a service. */
const rpcHost = (pattern: string, requestId?: string) =>
  ({
    getType: () => 'rpc',
    switchToRpc: () => ({ getContext: () => ({ getPattern: () => pattern }), getData: () => ({ meta: requestId ? { requestId } : {}, data: {} }) }),
  }) as unknown as ArgumentsHost;

describe('RpcErrorFilter', () => {
  const filter = new RpcErrorFilter();
  let logged: string[];
  let warned: string[];

  beforeEach(() => {
    logged = [];
    warned = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  const wire = (exception: unknown, host: ArgumentsHost) => firstValueFrom(filter.catch(exception, host)).catch((payload: unknown) => payload);

  it('sends an unexpected error as INTERNAL_ERROR with no detail, and logs it with the pattern and the request id', async () => {
    const payload = await wire(new Error('connect ECONNREFUSED db.internal:5432 password=hunter2'), rpcHost('order.order.create', 'req-42'));
    expect(payload).toEqual({ code: 'INTERNAL_ERROR', status: 500, message: 'Internal error' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^order\.order\.create \[req-42\] failed: Error: connect ECONNREFUSED/);
  });

  it('logs an unexpected error without a request id when the caller sent none', async () => {
    await wire(new Error('boom'), rpcHost('menu.pizza.get'));
    expect(logged[0]).toMatch(/^menu\.pizza\.get failed: Error: boom/);
  });

  it('passes on what a call of its own to another service got: its timeout, its coded 4xx, and its internal error as UPSTREAM_ERROR', async () => {
    const host = rpcHost('order.order.cancel', 'req-9');
    const timeout = await wire(UpstreamError.timeout('kitchen', 'kitchen.ticket.cancel', 900), host);
    expect(timeout).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
    const notFound = await wire(UpstreamError.from({ code: 'KITCHEN.TICKET_NOT_FOUND', status: 404, message: 'No such ticket' }, 'kitchen', 'p'), host);
    expect(notFound).toEqual({ code: 'KITCHEN.TICKET_NOT_FOUND', status: 404, message: 'No such ticket' });
    // The kitchen failed, not this service: relayed as such, with none of the kitchen's words.
    const internal = await wire(UpstreamError.from({ code: 'INTERNAL_ERROR', status: 500, message: 'Internal error' }, 'kitchen', 'p'), host);
    expect(internal).toEqual({ code: 'UPSTREAM_ERROR', status: 502, message: 'kitchen failed' });
    expect(UpstreamError.from(internal, 'order', 'order.order.cancel')).toMatchObject({ relayed: true });
  });

  it('passes a domain error on with its code and message, and logs nothing', async () => {
    const payload = await wire(new DomainError({ code: 'ORDER.NOT_FOUND', status: 404 }, 'No such order'), rpcHost('order.order.get', 'req-7'));
    expect(payload).toEqual({ code: 'ORDER.NOT_FOUND', status: 404, message: 'No such order', details: undefined });
    expect([...logged, ...warned]).toEqual([]);
  });

  it('warns of a coded 5xx (its store unreachable) in one line, without a stack, and sends it on as it is', async () => {
    const payload = await wire(new DomainError({ code: 'UPSTREAM_UNAVAILABLE', status: 503 }, 'The orders cannot be reached right now; retry later'), rpcHost('order.order.list', 'req-8'));
    expect(payload).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'The orders cannot be reached right now; retry later' });
    expect(logged).toEqual([]);
    expect(warned).toEqual(['order.order.list [req-8] failed: UPSTREAM_UNAVAILABLE: The orders cannot be reached right now; retry later']);
  });
});
