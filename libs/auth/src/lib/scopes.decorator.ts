import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@pizza/contracts-common';

export const SCOPES = 'auth:scopes';

/** The caller must hold every one of these scopes (users hold their roles' scopes; keys what they were granted). */
export const Scopes = (...scopes: Scope[]) => SetMetadata(SCOPES, scopes);
