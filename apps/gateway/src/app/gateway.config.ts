import { Logger } from '@nestjs/common';
import {
  applyGatewaySecurityPolicy,
  GatewayEnv,
  InvalidConfigError,
  ResilienceEnv,
  RuntimeEnv,
  TransportEnv,
  transportSecurityProblems,
  validateEnv,
  type ResolvedGatewayEnv,
} from '@pizza/config';

export type GatewayConfig = ResolvedGatewayEnv & TransportEnv & ResilienceEnv;

/** Everything the gateway reads from its environment, validated, with the security policy applied. */
export function validateGatewayEnv(raw: Record<string, unknown>): GatewayConfig {
  const env = validateEnv(raw, RuntimeEnv, TransportEnv, ResilienceEnv, GatewayEnv);
  const problems = transportSecurityProblems(env);
  if (problems.length) throw new InvalidConfigError(problems);
  const logger = new Logger('Config');
  return { ...env, ...applyGatewaySecurityPolicy(env, (m) => logger.warn(m)) };
}
