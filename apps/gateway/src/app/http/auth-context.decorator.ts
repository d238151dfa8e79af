import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthContext } from '@pizza/auth';
import type { FastifyRequest } from 'fastify';

/** Request id and client address, for audit lines written by the auth layer. */
export const RequestAuthContext = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { requestId: req.id, ip: req.clientIp };
});
