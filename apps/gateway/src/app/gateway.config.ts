import { Logger } from '@nestjs/common';
import {
  applyGatewaySecurityPolicy,
  GatewayEnv,
  InvalidConfigError,
  entryMs,
  MetricsEnv,
  ResilienceEnv,
  RuntimeEnv,
  shutdownBudgetProblems,
  TransportEnv,
  transportSecurityProblems,
  validateEnv,
  type ResolvedGatewayEnv,
} from '@pizza/config';

export type GatewayConfig = ResolvedGatewayEnv & TransportEnv & ResilienceEnv & MetricsEnv;

/** Everything the gateway reads from its environment, validated, with the security policy applied. */
export function validateGatewayEnv(raw: Record<string, unknown>): GatewayConfig {
  const env = validateEnv(raw, RuntimeEnv, TransportEnv, ResilienceEnv, MetricsEnv, GatewayEnv);
  const problems = [
    ...transportSecurityProblems(env),
    ...shutdownBudgetProblems(env, { AGGREGATE_DEADLINE_MS: [env.AGGREGATE_DEADLINE_MS], ROUTE_TIMEOUTS_MS: entryMs(env.ROUTE_TIMEOUTS_MS) }),
  ];
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) problems.push('METRICS_PORT must differ from PORT: metrics never share the public listener');
  if (problems.length) throw new InvalidConfigError(problems);
  const logger = new Logger('Config');
  return { ...env, ...applyGatewaySecurityPolicy(env, (m) => logger.warn(m)) };
}
