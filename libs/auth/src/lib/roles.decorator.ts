import { SetMetadata } from '@nestjs/common';
import type { Role } from '@pizza/contracts-common';

export const ROLES = 'auth:roles';

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
