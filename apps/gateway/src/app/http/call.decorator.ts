import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@pizza/contracts-common';
import type { SendOptions } from '@pizza/transport';
import type { FastifyRequest } from 'fastify';
import { idempotencyOf } from '../idempotency/idempotency.interceptor';
import { routeTimeoutOf } from './route-timeouts';

/**
 * How this request calls services (RpcClient.send's options): the meta that travels beside the
 * data, namely the principal the guards established and the request id, never anything from the
 * body; the client's Idempotency-Key on the routes that take one; and the route's own deadline
 * when ROUTE_TIMEOUTS_MS gives it one.
 */
export const Call = createParamDecorator((_: unknown, ctx: ExecutionContext): SendOptions => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
  const user = req.user;
  const idempotency = idempotencyOf(req);
  const meta = {
    requestId: req.id,
    ...(user ? { principal: { sub: user.sub, roles: user.roles, scopes: user.scopes } } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
  const timeoutMs = routeTimeoutOf(req);
  return timeoutMs === undefined ? { meta } : { meta, timeoutMs };
});
