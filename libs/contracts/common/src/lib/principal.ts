import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export const Role = {
  CUSTOMER: 'customer',
  STAFF: 'staff',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** The authenticated caller, as the gateway established it. Never taken from a request body. */
export class Principal {
  @IsString()
  @Length(1, 128)
  sub!: string;

  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(ALL_ROLES, { each: true })
  roles!: Role[];
}

/**
 * Travels beside every message's data, set by the sender's infrastructure (the
 * gateway's auth layer, or a service forwarding the caller it serves).
 */
export class MessageMeta {
  @IsOptional()
  @IsString()
  @Length(1, 128)
  requestId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Principal)
  principal?: Principal;
}

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}
