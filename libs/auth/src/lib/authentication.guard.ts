import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from './public.decorator';
import { routeMetadata } from './route-metadata';

/**
 * Global: every route needs a caller unless marked @Public(): a bearer access
 * token (users) or an X-API-Key (machine clients), tried in that order.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['jwt', 'api-key']) {
  private readonly isPublic: (context: ExecutionContext) => boolean | undefined;

  constructor(reflector: Reflector) {
    super();
    this.isPublic = routeMetadata<boolean>(reflector, IS_PUBLIC);
  }

  override canActivate(context: ExecutionContext) {
    return this.isPublic(context) ? true : super.canActivate(context);
  }
}
