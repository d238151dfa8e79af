import { BadRequestException, ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import { RpcErrorFilter, UpstreamError } from '@pizza/transport';
import { toProblem } from './problem';

const rejected = (status: number, code: string, message = 'm') => UpstreamError.from({ code, status, message }, 'order', 'order.order.get');

describe('toProblem (error mapping)', () => {
  it('passes a service domain error through with its status, code and message', () => {
    const { problem } = toProblem(rejected(404, 'ORDER.NOT_FOUND', 'Order x not found'));
    expect(problem).toMatchObject({ status: 404, code: 'ORDER.NOT_FOUND', detail: 'Order x not found', title: 'Not Found' });
    expect(problem.type).toMatch(/^urn:/);
  });

  it.each([402, 409, 422])('keeps client status %s from a service', (status) => {
    expect(toProblem(rejected(status, 'X.Y')).problem.status).toBe(status);
  });

  it('turns an internal error of a service into 502 without its message', () => {
    const { problem, unexpected } = toProblem(rejected(500, 'INTERNAL_ERROR', 'TypeError: cannot read x of undefined at /srv/app.js:1'));
    expect(problem.status).toBe(502);
    expect(problem.code).toBe('UPSTREAM_ERROR');
    expect(problem.detail).not.toContain('TypeError');
    expect(unexpected).toBe(true);
  });

  it('maps a timeout to 504 and an unreachable service to 503', () => {
    expect(toProblem(UpstreamError.timeout('kitchen', 'p', 100)).problem).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4003'), { code: 'ECONNREFUSED' });
    const { problem } = toProblem(UpstreamError.from(refused, 'kitchen', 'p'));
    expect(problem).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
    expect(problem.detail).not.toContain('127.0.0.1');
  });

  it('maps an open circuit to 503 with the time to wait', () => {
    const { problem } = toProblem(UpstreamError.circuitOpen('billing', 'p', 1500));
    expect(problem).toMatchObject({ status: 503, code: 'UPSTREAM_CIRCUIT_OPEN', retryAfterMs: 1500 });
  });

  it('keeps the wait of an open breaker behind the service called (order-service relaying its kitchen breaker)', () => {
    const relayed = new RpcErrorFilter().toPayload(UpstreamError.circuitOpen('kitchen', 'kitchen.ticket.cancel', 2500));
    const { problem, unexpected } = toProblem(UpstreamError.from(relayed, 'order', 'order.order.cancel'));
    expect(problem).toMatchObject({ status: 503, code: 'UPSTREAM_CIRCUIT_OPEN', retryAfterMs: 2500 });
    expect(unexpected).toBe(false);
    expect(toProblem(rejected(504, 'UPSTREAM_TIMEOUT')).problem).not.toHaveProperty('retryAfterMs');
  });

  it('maps a reply that is not our error shape to 502', () => {
    expect(toProblem(UpstreamError.from({ status: 'error', message: 'Internal server error' }, 'menu', 'p')).problem.status).toBe(502);
  });

  it('keeps validation details as a list of errors', () => {
    const { problem } = toProblem(new DomainError(CommonErrors.VALIDATION_FAILED, 'The request is invalid', ['items: must not be empty']));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: ['items: must not be empty'] });
  });

  it('codes framework exceptions by status', () => {
    expect(toProblem(new UnauthorizedException()).problem.code).toBe('UNAUTHENTICATED');
    expect(toProblem(new ForbiddenException()).problem.code).toBe('FORBIDDEN');
    expect(toProblem(new NotFoundException('Cannot GET /nope')).problem).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(toProblem(new BadRequestException()).problem.status).toBe(400);
  });

  it('maps fastify body errors: malformed JSON 400, too large 413, wrong type 415', () => {
    expect(toProblem({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }).problem).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(toProblem({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).problem.status).toBe(413);
    expect(toProblem({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }).problem.status).toBe(415);
    // as Nest hands them to filters: wrapped, with the Fastify error as cause
    const wrapped = new HttpException('Body is not valid JSON', 400, { cause: { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 } });
    expect(toProblem(wrapped).problem.code).toBe('MALFORMED_JSON');
  });

  it("answers the gateway's own 503 (a store it cannot check) with its message, as an expected state: not logged as an incident", () => {
    const { problem, unexpected } = toProblem(new DomainError(CommonErrors.UPSTREAM_UNAVAILABLE, 'Idempotency keys cannot be checked right now; retry later'));
    expect(problem).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', detail: 'Idempotency keys cannot be checked right now; retry later' });
    expect(unexpected).toBe(false);
    // Any other 5xx of its own stays generic, and is logged.
    expect(toProblem(new DomainError(CommonErrors.INTERNAL, 'cache key builder: undefined route'))).toMatchObject({ problem: { status: 500, detail: 'An unexpected error occurred' }, unexpected: true });
  });

  it('hides anything unexpected behind a generic 500', () => {
    const { problem, unexpected } = toProblem(new Error('secret database password in message'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred' });
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(unexpected).toBe(true);
  });
});
