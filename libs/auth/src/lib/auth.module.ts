import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeyStrategy } from './api-keys/api-key.strategy';
import { ApiKeys } from './api-keys/api-keys';
import { AuditLog } from './audit.log';
import { AUTH_OPTIONS, AuthConfigurableModule, type AuthOptions } from './auth.options';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { RolesGuard } from './roles.guard';
import { ScopesGuard } from './scopes.guard';
import { UserStore } from './user.store';

/** HS256 signs and verifies with the secret; RS256/ES256 sign with the private key and verify with the public one. */
function jwtService(o: AuthOptions): JwtService {
  const keys = o.algorithm === 'HS256' ? { secret: o.signKey } : { privateKey: o.signKey, publicKey: o.verifyKey };
  return new JwtService({
    ...keys,
    signOptions: { algorithm: o.algorithm, expiresIn: o.accessTokenTtlSeconds, issuer: o.issuer, audience: o.audience },
    verifyOptions: { algorithms: [o.algorithm], issuer: o.issuer, audience: o.audience },
  });
}

/**
 * Authentication and authorization for the gateway: `AuthModule.forRootAsync({ useFactory, inject })`.
 * Installs three global guards, in order: who is calling (bearer token or API key),
 * then roles, then scopes. Global, so other edge concerns (rate limiting, admin
 * routes) can use AuthService and ApiKeys.
 */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    { provide: JwtService, useFactory: jwtService, inject: [AUTH_OPTIONS] },
    { provide: ApiKeys, useFactory: (o: AuthOptions, audit: AuditLog) => new ApiKeys(o.apiKeys, audit), inject: [AUTH_OPTIONS, AuditLog] },
    AuditLog,
    UserStore,
    AuthService,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
  ],
  exports: [AuthService, ApiKeys, AuditLog],
})
export class AuthModule extends AuthConfigurableModule {}
