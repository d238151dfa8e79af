import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AUTH_OPTIONS, AuthConfigurableModule, type AuthOptions } from './auth.options';
import { AuthService } from './auth.service';
import { JWT_ALGORITHM, JwtStrategy } from './jwt.strategy';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';
import { UserStore } from './user.store';

/**
 * Authentication for the gateway: `AuthModule.forRootAsync({ useFactory, inject })`.
 * Installs the JWT guard and the roles guard globally, in that order. Global, so
 * other edge concerns (rate limiting) can read a token through AuthService.
 */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    {
      provide: JwtService,
      useFactory: (o: AuthOptions) =>
        new JwtService({
          secret: o.jwtSecret,
          signOptions: { algorithm: JWT_ALGORITHM, expiresIn: o.accessTokenTtlSeconds, issuer: o.issuer, audience: o.audience },
          verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: o.issuer, audience: o.audience },
        }),
      inject: [AUTH_OPTIONS],
    },
    UserStore,
    AuthService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService],
})
export class AuthModule extends AuthConfigurableModule {}
