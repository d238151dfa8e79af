import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole, type Principal, type Role } from '@pizza/contracts-common';
import { ROLES } from './roles.decorator';

/** Global: enforces @Roles() after the JWT guard has set request.user. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!hasRole(user, ...roles)) throw new ForbiddenException(`Requires one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
