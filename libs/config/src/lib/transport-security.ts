import { DataStoreEnv } from './data-store.env';
import { readPemFile } from './pem-file';
import { MetricsEnv } from './metrics.env';
import { ResilienceEnv } from './resilience.env';
import { RuntimeEnv } from './runtime.env';
import { shutdownBudgetProblems } from './shutdown-budget';
import { TransportEnv } from './transport.env';
import { InvalidConfigError, validateEnv } from './validate-env';

/** Rules across the transport's credential and TLS keys: pairs set together, files readable. */
export function transportSecurityProblems(env: TransportEnv): string[] {
  const problems: string[] = [];
  if (!!env.NATS_USER !== !!env.NATS_PASSWORD) problems.push('NATS_USER and NATS_PASSWORD: set both, or neither');
  if (env.NATS_TOKEN && env.NATS_USER) problems.push('NATS_TOKEN and NATS_USER: use one way to authenticate');
  if (!!env.NATS_TLS_CERT_FILE !== !!env.NATS_TLS_KEY_FILE) problems.push('NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE: set both, or neither');
  const tcp = [env.TCP_TLS_CERT_FILE, env.TCP_TLS_KEY_FILE, env.TCP_TLS_CA_FILE];
  if (tcp.some(Boolean) && !tcp.every(Boolean)) problems.push('TCP_TLS_CERT_FILE, TCP_TLS_KEY_FILE and TCP_TLS_CA_FILE: set all three, or none');
  const files = ['NATS_TLS_CA_FILE', 'NATS_TLS_CERT_FILE', 'NATS_TLS_KEY_FILE', 'TCP_TLS_CERT_FILE', 'TCP_TLS_KEY_FILE', 'TCP_TLS_CA_FILE'] as const;
  for (const key of files) {
    const file = env[key];
    if (!file) continue;
    try {
      readPemFile(file, key);
    } catch (err) {
      problems.push(...(err as InvalidConfigError).problems);
    }
  }
  return problems;
}

/** Everything a service reads from its environment, validated, the cross-key rules (transport, shutdown) included. */
export function validateServiceEnv(raw: Record<string, unknown>): RuntimeEnv & TransportEnv & ResilienceEnv & MetricsEnv & DataStoreEnv {
  const env = validateEnv(raw, RuntimeEnv, TransportEnv, ResilienceEnv, MetricsEnv, DataStoreEnv);
  const problems = [...transportSecurityProblems(env), ...shutdownBudgetProblems(env)];
  if (problems.length) throw new InvalidConfigError(problems);
  return env;
}
