import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AuthService, LoginRequest, Public, type LoginResponse } from '@pizza/auth';
import { V1 } from '../http/api-version';
import { RateLimitRoute } from '../rate-limit/rate-limit.decorators';
import { ROUTE_LIMITS } from '../rate-limit/rate-limit.policy';

@Controller(`${V1}/auth`)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @RateLimitRoute(ROUTE_LIMITS.LOGIN)
  @HttpCode(200)
  login(@Body() body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
  }
}
