import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  it('allows retries of about `ratio` of calls under sustained failure', () => {
    const budget = new RetryBudget(0.2, 3, 10);
    let retries = 0;
    const calls = 1000;
    for (let i = 0; i < calls; i++) {
      budget.deposit();
      if (budget.tryWithdraw()) retries++;
    }
    // the reserve plus 20% of the calls
    expect(retries).toBeLessThanOrEqual(3 + 0.2 * calls + 1);
    expect(retries).toBeGreaterThanOrEqual(0.2 * calls - 1);
  });

  it('has a small reserve for the first failures', () => {
    const budget = new RetryBudget(0, 3);
    expect([budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw(), budget.tryWithdraw()]).toEqual([true, true, true, false]);
  });
});
