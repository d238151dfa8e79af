import type { RuntimeEnv } from './runtime.env';
import { longestCallTimeoutMs, type TransportEnv } from './transport.env';

/**
 * After SIGTERM a process keeps serving for SHUTDOWN_DRAIN_MS, then finishes what it took: a
 * request taken at the last moment may run its whole deadline. All of that must fit in
 * SHUTDOWN_GRACE_MS, past which the process exits 1 and drops what is still in flight.
 * `deadlines` are the process's own besides its calls' (the gateway's per-route ones).
 */
export function shutdownBudgetProblems(env: RuntimeEnv & TransportEnv, deadlines: Record<string, number[]> = {}): string[] {
  const calls = longestCallTimeoutMs(env);
  const all: Record<string, number[]> = { [calls > env.RPC_TIMEOUT_MS ? 'RPC_TIMEOUTS_MS' : 'RPC_TIMEOUT_MS']: [calls], ...deadlines };
  const [key, longest] = Object.entries(all)
    .map(([name, ms]) => [name, Math.max(0, ...ms)] as const)
    .reduce((a, b) => (b[1] > a[1] ? b : a));
  const needed = env.SHUTDOWN_DRAIN_MS + longest;
  if (env.SHUTDOWN_GRACE_MS >= needed) return [];
  return [
    `SHUTDOWN_GRACE_MS (${env.SHUTDOWN_GRACE_MS}) must cover SHUTDOWN_DRAIN_MS (${env.SHUTDOWN_DRAIN_MS}) and the longest deadline (${key}: ${longest}), ` +
      `at least ${needed}: a request taken at the end of the drain would be dropped at exit`,
  ];
}
