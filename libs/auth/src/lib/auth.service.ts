import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, type Principal } from '@pizza/contracts-common';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { AuthErrors } from './auth.errors';
import type { LoginRequest, LoginResponse } from './login.request';
import { principalFromClaims, type AccessTokenClaims } from './jwt.strategy';
import { UserStore } from './user.store';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserStore,
    private readonly jwt: JwtService,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /**
   * The principal of an Authorization header if its token verifies (same pinned
   * rules as the guard), else undefined. For keying rate limits before the guards run.
   */
  peekPrincipal(authorization: string | undefined): Principal | undefined {
    if (!authorization?.startsWith('Bearer ')) return undefined;
    try {
      return principalFromClaims(this.jwt.verify<AccessTokenClaims & object>(authorization.slice(7))) || undefined;
    } catch {
      return undefined;
    }
  }

  /** One answer for unknown user and wrong password: no account enumeration. */
  async login({ username, password }: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.verify(username, password);
    if (!user) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Invalid username or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, roles: user.roles });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.options.accessTokenTtlSeconds };
  }
}
