import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ALL_ROLES, scopesOfRoles, type Principal, type Role } from '@pizza/contracts-common';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

export interface AccessTokenClaims {
  sub?: unknown;
  roles?: unknown;
  exp?: unknown;
}

/** The principal a verified token stands for (its roles' scopes included), or false when its claims are not ours. */
export function principalFromClaims(claims: AccessTokenClaims): Principal | false {
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || !Array.isArray(claims.roles)) return false;
  const roles = claims.roles.filter((r): r is Role => (ALL_ROLES as readonly unknown[]).includes(r));
  return { sub: claims.sub, roles, scopes: scopesOfRoles(roles) };
}

/** Bearer access tokens: the one configured algorithm, issuer and audience checked, expiry required. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: options.verifyKey,
      algorithms: [options.algorithm],
      issuer: options.issuer,
      audience: options.audience,
      ignoreExpiration: false,
    });
  }

  /** Returning false rejects the token (401). */
  validate(claims: AccessTokenClaims): Principal | false {
    return principalFromClaims(claims);
  }
}
