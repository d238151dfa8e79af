import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiKeys, CreateApiKeyRequest, CurrentUser, Roles, Scopes, type AuthContext } from '@pizza/auth';
import { Role, Scope, type Principal } from '@pizza/contracts-common';
import { V1 } from '../http/api-version';
import { RequestAuthContext } from '../http/auth-context.decorator';
import { IdParam } from '../http/id-param.pipe';
import { API_KEY_ID } from './api-key-id.rule';

/** API keys for machine clients. Admins only; every action is audited. */
@Controller(`${V1}/admin/api-keys`)
@Roles(Role.ADMIN)
@Scopes(Scope.API_KEYS_MANAGE)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeys) {}

  /** 201 with the key: shown this once, stored only as a hash. */
  @Post()
  create(@Body() body: CreateApiKeyRequest, @CurrentUser() admin: Principal, @RequestAuthContext() context: AuthContext) {
    return this.keys.create(admin, body, context);
  }

  @Get()
  list() {
    return this.keys.list();
  }

  /** Takes effect on the next request, on every instance sharing the store. */
  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@IdParam('keyId', API_KEY_ID) keyId: string, @CurrentUser() admin: Principal, @RequestAuthContext() context: AuthContext): Promise<void> {
    await this.keys.revoke(admin, keyId, context);
  }
}
