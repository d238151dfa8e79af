import { Logger } from '@nestjs/common';
import { applyGatewaySecurityPolicy, GatewayEnv, ResilienceEnv, RuntimeEnv, TransportEnv, validateEnv, type ResolvedGatewayEnv } from '@pizza/config';

export type GatewayConfig = ResolvedGatewayEnv & TransportEnv & ResilienceEnv;

/** Everything the gateway reads from its environment, validated, with the security policy applied. */
export function validateGatewayEnv(raw: Record<string, unknown>): GatewayConfig {
  const env = validateEnv(raw, RuntimeEnv, TransportEnv, ResilienceEnv, GatewayEnv);
  const logger = new Logger('Config');
  return { ...env, ...applyGatewaySecurityPolicy(env, (m) => logger.warn(m)) };
}
