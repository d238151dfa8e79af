import type { ThrottlerOptions } from '@nestjs/throttler';

export interface Window {
  limit: number;
  ttlMs: number;
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "20/1s" -> { limit: 20, ttlMs: 1000 } */
export function parseWindow(spec: string): Window {
  const m = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(spec);
  if (!m) throw new Error(`bad rate window "${spec}"`);
  return { limit: Number(m[1]), ttlMs: Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS] };
}

/** Route-specific limits, switched on per handler with @RateLimitRoute(). */
export const ROUTE_LIMITS = {
  LOGIN: 'login',
  ORDERS: 'orders',
} as const;
export type RouteLimit = (typeof ROUTE_LIMITS)[keyof typeof ROUTE_LIMITS];

/** Which tracker a throttler counts by. */
export type TrackerKind = 'client' | 'ip' | 'username';

export interface NamedLimit extends Window {
  name: string;
  tracker: TrackerKind;
  /** Only on routes marked with this; global when absent. */
  route?: RouteLimit;
}

/**
 * The whole rate-limit policy, from config: global tiers per client (the user when
 * a valid token is present, else the IP), login per IP and per username, order
 * creation per user.
 */
export function rateLimitPolicy(config: { RATE_LIMITS: string[]; RATE_LIMIT_LOGIN: string; RATE_LIMIT_ORDERS: string }): NamedLimit[] {
  const tiers = config.RATE_LIMITS.map((entry) => {
    const [name, spec] = entry.split('=');
    return { name, tracker: 'client' as const, ...parseWindow(spec) };
  });
  const login = parseWindow(config.RATE_LIMIT_LOGIN);
  return [
    ...tiers,
    { name: 'login-ip', tracker: 'ip', route: ROUTE_LIMITS.LOGIN, ...login },
    { name: 'login-username', tracker: 'username', route: ROUTE_LIMITS.LOGIN, ...login },
    { name: 'orders', tracker: 'client', route: ROUTE_LIMITS.ORDERS, ...parseWindow(config.RATE_LIMIT_ORDERS) },
  ];
}

export function toThrottlerOptions(limits: NamedLimit[]): ThrottlerOptions[] {
  return limits.map((l) => ({ name: l.name, limit: l.limit, ttl: l.ttlMs }));
}
