import { randomBytes } from 'node:crypto';
import { InvalidConfigError } from './validate-env';
import { NodeEnv } from './runtime.env';
import type { GatewayEnv } from './gateway.env';
import type { RuntimeEnv } from './runtime.env';

export const MIN_JWT_SECRET_BYTES = 32;

/** Values copied from examples and tutorials: a secret anyone can read is no secret. */
const KNOWN_WEAK_SECRETS = new Set(['secret', 'changeme', 'change-me', 'jwt-secret', 'your-256-bit-secret', 'replace-me-with-32-or-more-random-bytes']);

export type ResolvedGatewayEnv = RuntimeEnv & GatewayEnv & { JWT_SECRET: string; DEMO_USERS: boolean };

/**
 * Security rules that span several keys. In production the gateway refuses to
 * start on an unsafe value; in development it fills the gaps and says so.
 */
export function applyGatewaySecurityPolicy(
  env: RuntimeEnv & GatewayEnv,
  warn: (message: string) => void,
): ResolvedGatewayEnv {
  const production = env.NODE_ENV === NodeEnv.PRODUCTION;
  const problems: string[] = [];
  let secret = env.JWT_SECRET;

  if (production) {
    if (!secret) problems.push('JWT_SECRET: required when NODE_ENV=production');
    else if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES)
      problems.push(`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes when NODE_ENV=production`);
    else if (KNOWN_WEAK_SECRETS.has(secret.toLowerCase()))
      problems.push('JWT_SECRET: is a published example value; generate one (openssl rand -base64 48)');
    if (env.DEMO_USERS === true) problems.push('DEMO_USERS: demo users with published passwords are refused when NODE_ENV=production');
  } else if (!secret) {
    secret = randomBytes(48).toString('base64url');
    warn('JWT_SECRET is not set: generated a random one for this process. Tokens will not survive a restart or work across gateway instances.');
  } else if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    warn(`JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes: production would refuse it.`);
  }

  if (problems.length) throw new InvalidConfigError(problems);
  return { ...env, JWT_SECRET: secret as string, DEMO_USERS: env.DEMO_USERS ?? !production };
}
