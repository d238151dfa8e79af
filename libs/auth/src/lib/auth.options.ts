import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ApiKeyStore } from './api-keys/api-key.store';
import type { RefreshTokenStore } from './refresh-tokens/refresh-token.store';

export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface AuthOptions {
  /** Pinned: a token signed with any other algorithm (or none) is refused. */
  algorithm: JwtAlgorithm;
  /** HS256 secret, or PEM private key (RS256/ES256). */
  signKey: string;
  /** HS256 secret, or PEM public key (RS256/ES256). */
  verifyKey: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Seed alice, bob, chef and admin with their published demo passwords. */
  demoUsers: boolean;
  /** Where refresh tokens live: memory for one instance, Redis for several. */
  refreshTokens: RefreshTokenStore;
  /** Where API keys live: memory for one instance, Redis for several. */
  apiKeys: ApiKeyStore;
}

export const { ConfigurableModuleClass: AuthConfigurableModule, MODULE_OPTIONS_TOKEN: AUTH_OPTIONS } = new ConfigurableModuleBuilder<AuthOptions>()
  .setClassMethodName('forRoot')
  .build();
