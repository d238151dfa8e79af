import { ConfigurableModuleBuilder } from '@nestjs/common';

export interface AuthOptions {
  /** HS256 key; the algorithm is pinned, a token signed any other way is refused. */
  jwtSecret: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** Seed alice, bob, chef and admin with their published demo passwords. */
  demoUsers: boolean;
}

export const { ConfigurableModuleClass: AuthConfigurableModule, MODULE_OPTIONS_TOKEN: AUTH_OPTIONS } = new ConfigurableModuleBuilder<AuthOptions>()
  .setClassMethodName('forRoot')
  .build();
