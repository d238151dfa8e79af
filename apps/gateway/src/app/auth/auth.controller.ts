import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AuthService, LoginRequest, Public, type LoginResponse } from '@pizza/auth';
import { V1 } from '../http/api-version';

@Controller(`${V1}/auth`)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
  }
}
