import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { MessageMeta, Principal } from '@pizza/contracts-common';

/**
 * What travels to services beside the data: the principal the guards
 * established and the request id. Built from the request, never from its body.
 */
export const RequestMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): MessageMeta => {
  const req = ctx.switchToHttp().getRequest<{ id: string; user?: Principal }>();
  return { requestId: req.id, ...(req.user ? { principal: { sub: req.user.sub, roles: req.user.roles, scopes: req.user.scopes } } : {}) };
});
