import { RuntimeEnv } from './runtime.env';
import { shutdownBudgetProblems } from './shutdown-budget';
import { validateServiceEnv } from './transport-security';
import { TransportEnv } from './transport.env';
import { validateEnv } from './validate-env';

const env = (raw: Record<string, string>) => validateEnv(raw, RuntimeEnv, TransportEnv);

describe('shutdown budget (SHUTDOWN_GRACE_MS)', () => {
  it('accepts the defaults: a 10 s grace over no drain and 3 s deadlines', () => {
    expect(shutdownBudgetProblems(env({}))).toEqual([]);
  });

  it('refuses a grace that a drain and the longest deadline do not fit in, naming both', () => {
    expect(shutdownBudgetProblems(env({ SHUTDOWN_DRAIN_MS: '10000' }))).toEqual([
      'SHUTDOWN_GRACE_MS (10000) must cover SHUTDOWN_DRAIN_MS (10000) and the longest deadline (RPC_TIMEOUT_MS: 3000), at least 13000: a request taken at the end of the drain would be dropped at exit',
    ]);
    expect(shutdownBudgetProblems(env({ SHUTDOWN_DRAIN_MS: '10000', SHUTDOWN_GRACE_MS: '13000' }))).toEqual([]);
  });

  it('counts the longest deadline wherever it is set: per service, or the process’s own', () => {
    expect(shutdownBudgetProblems(env({ RPC_TIMEOUTS_MS: 'billing=15000' }))[0]).toMatch(/longest deadline \(RPC_TIMEOUTS_MS: 15000\), at least 15000/);
    expect(shutdownBudgetProblems(env({}), { ROUTE_TIMEOUTS_MS: [500, 20000] })[0]).toMatch(/longest deadline \(ROUTE_TIMEOUTS_MS: 20000\)/);
  });

  it('keeps a service from starting on it too', () => {
    expect(() => validateServiceEnv({ RPC_TIMEOUT_MS: '30000' })).toThrow(/SHUTDOWN_GRACE_MS \(10000\) must cover/);
  });
});
