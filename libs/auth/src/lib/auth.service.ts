import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, type Principal, type Role } from '@pizza/contracts-common';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { AuditLog } from './audit.log';
import { AuthErrors } from './auth.errors';
import type { LoginRequest, LoginResponse } from './login.request';
import { principalFromClaims, type AccessTokenClaims } from './jwt.strategy';
import { RefreshTokens } from './refresh-tokens/refresh-tokens';
import { UserStore } from './user.store';

export interface AuthContext {
  requestId?: string;
  ip?: string;
}

@Injectable()
export class AuthService {
  private readonly refreshTokens: RefreshTokens;

  constructor(
    private readonly users: UserStore,
    private readonly jwt: JwtService,
    private readonly audit: AuditLog,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {
    this.refreshTokens = new RefreshTokens(options.refreshTokens, options.refreshTokenTtlSeconds, audit);
  }

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
  async login({ username, password }: LoginRequest, context: AuthContext): Promise<LoginResponse> {
    const user = await this.users.verify(username, password);
    if (!user) {
      this.audit.record('auth.login.failed', { username, ip: context.ip, requestId: context.requestId });
      throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Invalid username or password');
    }
    return this.tokens(user.id, user.roles, await this.refreshTokens.issue(user.id, user.roles));
  }

  /** A new access token and the next refresh token of the family; the old one is spent. */
  async refresh(refreshToken: string, context: AuthContext): Promise<LoginResponse> {
    const { record, next } = await this.refreshTokens.rotate(refreshToken, context);
    return this.tokens(record.sub, record.roles, next);
  }

  /** Revokes the refresh token's family. Access tokens already issued expire on their own (short lifetime). */
  logout(refreshToken: string, context: AuthContext): Promise<void> {
    return this.refreshTokens.revoke(refreshToken, context);
  }

  private async tokens(sub: string, roles: Role[], refreshToken: string): Promise<LoginResponse> {
    const accessToken = await this.jwt.signAsync({ sub, roles });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.options.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.options.refreshTokenTtlSeconds,
    };
  }
}
