import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AuthService, LoginRequest, Public, RefreshRequest, type AuthContext, type LoginResponse } from '@pizza/auth';
import { V1 } from '../http/api-version';
import { RequestAuthContext } from '../http/auth-context.decorator';
import { RateLimitRoute } from '../rate-limit/rate-limit.decorators';
import { ROUTE_LIMITS } from '../rate-limit/rate-limit.policy';

@Controller(`${V1}/auth`)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** An access token (short-lived) and a refresh token (single use). */
  @Post('login')
  @Public()
  @RateLimitRoute(ROUTE_LIMITS.LOGIN)
  @HttpCode(200)
  login(@Body() body: LoginRequest, @RequestAuthContext() context: AuthContext): Promise<LoginResponse> {
    return this.auth.login(body, context);
  }

  /** Spends the refresh token for a new pair. A token used twice revokes its whole family. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: RefreshRequest, @RequestAuthContext() context: AuthContext): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken, context);
  }

  /** Revokes the refresh token's family. 204 whether or not the token was known. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@Body() body: RefreshRequest, @RequestAuthContext() context: AuthContext): Promise<void> {
    await this.auth.logout(body.refreshToken, context);
  }
}
