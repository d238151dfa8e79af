import type { HealthIndicatorResult } from '@nestjs/terminus';
import { readinessChecks } from './readiness';

const result = (name: string, status: 'up' | 'down', more: Record<string, unknown> = {}) => async (): Promise<HealthIndicatorResult> => ({ [name]: { status, ...more } });

describe('readinessChecks', () => {
  it('reports a dependency that is not required, and down, as degraded, with what it said', async () => {
    const [kitchen] = readinessChecks([result('kitchen', 'down', { code: 'UPSTREAM_UNAVAILABLE' })], new Set(['menu', 'order']));
    expect(await kitchen()).toEqual({ kitchen: { status: 'degraded', code: 'UPSTREAM_UNAVAILABLE' } });
  });

  it('leaves a required dependency down, and any that is up, as they are', async () => {
    const checks = readinessChecks([result('menu', 'down'), result('kitchen', 'up')], new Set(['menu']));
    expect(await Promise.all(checks.map((c) => c()))).toEqual([{ menu: { status: 'down' } }, { kitchen: { status: 'up' } }]);
  });
});
