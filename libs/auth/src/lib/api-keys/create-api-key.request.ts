import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { ALL_SCOPES, Role, Scope } from '@pizza/contracts-common';

/** Roles a machine client may act as. Never admin: keys cannot manage keys. */
export const API_KEY_ROLES = [Role.CUSTOMER, Role.STAFF] as const;
export const API_KEY_SCOPES = ALL_SCOPES.filter((s) => s !== Scope.API_KEYS_MANAGE);

export class CreateApiKeyRequest {
  /** What the key is for, e.g. "pos-terminal-3". */
  @IsString()
  @Length(1, 64)
  @Matches(/^[\w .:-]+$/, { message: 'name may use letters, digits, space and . : _ -' })
  name!: string;

  @IsIn(API_KEY_ROLES)
  role!: (typeof API_KEY_ROLES)[number];

  /** A subset of the role's scopes. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(16)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: Scope[];
}

export class ApiKeyView {
  id!: string;
  name!: string;
  role!: Role;
  scopes!: Scope[];
  createdAt!: string;
  /** The admin who created it. */
  createdBy!: string;
  revokedAt?: string;
}

export class CreatedApiKey extends ApiKeyView {
  /** `pzk_<id>.<secret>`, for the X-API-Key header: shown this once, stored hashed. */
  key!: string;
}
