import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Principal, type Scope } from '@pizza/contracts-common';
import { AuthErrors } from './auth.errors';
import { routeMetadata } from './route-metadata';
import { SCOPES } from './scopes.decorator';

/** Global: enforces @Scopes() after authentication and roles. */
@Injectable()
export class ScopesGuard implements CanActivate {
  private readonly scopesOf: (context: ExecutionContext) => Scope[] | undefined;

  constructor(reflector: Reflector) {
    this.scopesOf = routeMetadata<Scope[]>(reflector, SCOPES);
  }

  canActivate(context: ExecutionContext): boolean {
    const needed = this.scopesOf(context);
    if (!needed?.length) return true;
    const held = context.switchToHttp().getRequest<{ user?: Principal }>().user?.scopes ?? [];
    const missing = needed.filter((s) => !held.includes(s));
    if (missing.length) throw new DomainError(AuthErrors.INSUFFICIENT_SCOPE, `Requires the scopes: ${missing.join(', ')}`);
    return true;
  }
}
