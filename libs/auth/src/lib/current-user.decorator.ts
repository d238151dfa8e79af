import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@pizza/contracts-common';

/** The authenticated principal of the request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const user = ctx.switchToHttp().getRequest<{ user?: Principal }>().user;
  if (!user) throw new UnauthorizedException();
  return user;
});
