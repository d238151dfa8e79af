import type { HealthIndicatorResult } from '@nestjs/terminus';

type Check = () => Promise<HealthIndicatorResult>;

/**
 * The checks of /health/ready under READY_REQUIRES: a dependency that is not required and is down
 * is reported "degraded" (terminus keeps the answer 200, status "degraded") instead of "down"
 * (503). It is still checked and shown, with what it said; the gateway just stays ready without it.
 */
export function readinessChecks(checks: Check[], required: ReadonlySet<string>): Check[] {
  return checks.map((check) => async () => {
    const result = await check();
    for (const [name, value] of Object.entries(result)) {
      if (value.status === 'down' && !required.has(name)) result[name] = { ...value, status: 'degraded' };
    }
    return result;
  });
}
