import { parseWindow, rateLimitPolicy } from './rate-limit.policy';

describe('rate limit policy', () => {
  it('parses limit/window in ms, s, m and h', () => {
    expect(parseWindow('20/1s')).toEqual({ limit: 20, ttlMs: 1000 });
    expect(parseWindow('300/1m')).toEqual({ limit: 300, ttlMs: 60_000 });
    expect(parseWindow('5/250ms')).toEqual({ limit: 5, ttlMs: 250 });
    expect(parseWindow('1000/2h')).toEqual({ limit: 1000, ttlMs: 7_200_000 });
    expect(() => parseWindow('20 per second')).toThrow();
  });

  it('builds the global tiers per client plus login (per IP and per username) and orders (per user)', () => {
    const policy = rateLimitPolicy({ RATE_LIMITS: ['burst=20/1s', 'sustained=300/1m'], RATE_LIMIT_LOGIN: '5/1m', RATE_LIMIT_ORDERS: '10/1m' });
    expect(policy.map((p) => [p.name, p.tracker, p.route ?? 'all', p.limit])).toEqual([
      ['burst', 'client', 'all', 20],
      ['sustained', 'client', 'all', 300],
      ['login-ip', 'ip', 'login', 5],
      ['login-username', 'username', 'login', 5],
      ['orders', 'client', 'orders', 10],
    ]);
  });
});
