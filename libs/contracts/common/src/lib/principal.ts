import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IdempotencyMeta } from './idempotency';

export const Role = {
  CUSTOMER: 'customer',
  STAFF: 'staff',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES: readonly Role[] = Object.values(Role);

/**
 * What a caller may do. Roles say who a caller is; scopes say which operations it
 * may use. A user holds every scope of its roles; an API key holds the scopes an
 * admin granted it, and nothing more.
 */
export const Scope = {
  MENU_WRITE: 'menu:write',
  ORDERS_READ: 'orders:read',
  ORDERS_WRITE: 'orders:write',
  PAYMENTS_WRITE: 'payments:write',
  KITCHEN_READ: 'kitchen:read',
  KITCHEN_WRITE: 'kitchen:write',
  API_KEYS_MANAGE: 'api-keys:manage',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];
export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  customer: [Scope.ORDERS_READ, Scope.ORDERS_WRITE, Scope.PAYMENTS_WRITE],
  staff: [Scope.MENU_WRITE, Scope.ORDERS_READ, Scope.KITCHEN_READ, Scope.KITCHEN_WRITE],
  admin: [Scope.MENU_WRITE, Scope.ORDERS_READ, Scope.KITCHEN_READ, Scope.API_KEYS_MANAGE],
};

/** Every scope the roles carry. */
export function scopesOfRoles(roles: readonly Role[]): Scope[] {
  return [...new Set(roles.flatMap((r) => ROLE_SCOPES[r] ?? []))];
}

/** The authenticated caller, as the gateway established it. Never taken from a request body. */
export class Principal {
  /** A user id, or `key:<id>` for an API key. */
  @IsString()
  @Length(1, 128)
  sub!: string;

  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(ALL_ROLES, { each: true })
  roles!: Role[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @IsIn(ALL_SCOPES, { each: true })
  scopes?: Scope[];
}

/** The longest deadline a message may carry (meta.budgetMs): the longest the config accepts. */
export const MAX_BUDGET_MS = 60_000;

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

  /** The client's Idempotency-Key, on the commands of routes that take one. */
  @IsOptional()
  @ValidateNested()
  @Type(() => IdempotencyMeta)
  idempotency?: IdempotencyMeta;

  /**
   * What the sender had left of its deadline when it sent this request (ms). The calls a service
   * makes on its behalf end within it (RpcClient), so the service's own coded 504 reaches the
   * sender before the sender gives up. Set by RpcClient on every request; never on events.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BUDGET_MS)
  budgetMs?: number;
}

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}
