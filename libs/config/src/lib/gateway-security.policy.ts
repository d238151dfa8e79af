import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { readPemFile } from './pem-file';
import { InvalidConfigError } from './validate-env';
import { NodeEnv } from './runtime.env';
import type { GatewayEnv } from './gateway.env';
import type { RuntimeEnv } from './runtime.env';

export const MIN_JWT_SECRET_BYTES = 32;

/** Values copied from examples and tutorials: a secret anyone can read is no secret. */
const KNOWN_WEAK_SECRETS = new Set(['secret', 'changeme', 'change-me', 'jwt-secret', 'your-256-bit-secret', 'replace-me-with-32-or-more-random-bytes']);

export type ResolvedGatewayEnv = RuntimeEnv &
  GatewayEnv & {
    DEMO_USERS: boolean;
    API_DOCS: boolean;
    /** What signs access tokens: the HS256 secret, or the PEM private key. */
    JWT_SIGN_KEY: string;
    /** What verifies them: the HS256 secret, or the PEM public key. */
    JWT_VERIFY_KEY: string;
  };

/** The key type each asymmetric algorithm needs. */
const KEY_TYPE = { RS256: 'rsa', ES256: 'ec' } as const;

function readPem(file: string | undefined, name: string, problems: string[]): string | undefined {
  if (!file) {
    problems.push(`${name}: required with this JWT_ALGORITHM`);
    return undefined;
  }
  try {
    return readPemFile(file, name);
  } catch (err) {
    problems.push(...(err as InvalidConfigError).problems);
    return undefined;
  }
}

/** RS256/ES256: both key files, readable, of the algorithm's key type. */
function asymmetricKeys(env: GatewayEnv, problems: string[]): { sign: string; verify: string } {
  const algorithm = env.JWT_ALGORITHM as 'RS256' | 'ES256';
  const sign = readPem(env.JWT_PRIVATE_KEY_FILE, 'JWT_PRIVATE_KEY_FILE', problems);
  const verify = readPem(env.JWT_PUBLIC_KEY_FILE, 'JWT_PUBLIC_KEY_FILE', problems);
  try {
    if (sign && createPrivateKey(sign).asymmetricKeyType !== KEY_TYPE[algorithm])
      problems.push(`JWT_PRIVATE_KEY_FILE: ${algorithm} needs an ${KEY_TYPE[algorithm].toUpperCase()} private key`);
    if (verify && createPublicKey(verify).asymmetricKeyType !== KEY_TYPE[algorithm])
      problems.push(`JWT_PUBLIC_KEY_FILE: ${algorithm} needs an ${KEY_TYPE[algorithm].toUpperCase()} public key`);
  } catch (err) {
    problems.push(`JWT key files: not a PEM key (${(err as Error).message})`);
  }
  return { sign: sign ?? '', verify: verify ?? '' };
}

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
  let keys = { sign: '', verify: '' };

  if (env.JWT_ALGORITHM !== 'HS256') {
    keys = asymmetricKeys(env, problems);
  } else if (production) {
    if (!secret) problems.push('JWT_SECRET: required when NODE_ENV=production');
    else if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES)
      problems.push(`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes when NODE_ENV=production`);
    else if (KNOWN_WEAK_SECRETS.has(secret.toLowerCase()))
      problems.push('JWT_SECRET: is a published example value; generate one (openssl rand -base64 48)');
  } else if (!secret) {
    secret = randomBytes(48).toString('base64url');
    warn('JWT_SECRET is not set: generated a random one for this process. Tokens will not survive a restart or work across gateway instances.');
  } else if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    warn(`JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes: production would refuse it.`);
  }
  if (env.JWT_ALGORITHM === 'HS256') keys = { sign: secret ?? '', verify: secret ?? '' };

  if (production && env.DEMO_USERS === true) problems.push('DEMO_USERS: demo users with published passwords are refused when NODE_ENV=production');

  // Browsers refuse "*" with credentials; servers that "fix" it by echoing any origin hand every site the user's session.
  if (env.CORS_CREDENTIALS && env.CORS_ORIGINS.includes('*')) {
    if (production) problems.push('CORS_ORIGINS: "*" cannot be combined with CORS_CREDENTIALS=true; list the exact origins');
    else warn('CORS_ORIGINS "*" with CORS_CREDENTIALS=true: credentials are not allowed for "*"; production would refuse this.');
  }

  // The files themselves are read (and refused if unreadable) by readGatewayHttps, when the listener is built.
  if (!!env.TLS_CERT_FILE !== !!env.TLS_KEY_FILE) problems.push('TLS_CERT_FILE and TLS_KEY_FILE: set both, or neither');

  if (problems.length) throw new InvalidConfigError(problems);
  return {
    ...env,
    DEMO_USERS: env.DEMO_USERS ?? !production,
    API_DOCS: env.API_DOCS ?? !production,
    JWT_SIGN_KEY: keys.sign,
    JWT_VERIFY_KEY: keys.verify,
  };
}
