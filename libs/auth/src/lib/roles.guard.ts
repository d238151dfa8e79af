import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole, type Principal, type Role } from '@pizza/contracts-common';
import { ROLES } from './roles.decorator';
import { routeMetadata } from './route-metadata';

/** Global: enforces @Roles() after the JWT guard has set request.user. */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly rolesOf: (context: ExecutionContext) => Role[] | undefined;

  constructor(reflector: Reflector) {
    this.rolesOf = routeMetadata<Role[]>(reflector, ROLES);
  }

  canActivate(context: ExecutionContext): boolean {
    const roles = this.rolesOf(context);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!hasRole(user, ...roles)) throw new ForbiddenException(`Requires one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
