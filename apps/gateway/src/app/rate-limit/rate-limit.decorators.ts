import { SetMetadata } from '@nestjs/common';
import type { RouteLimit } from './rate-limit.policy';

export const RATE_LIMIT_ROUTE = 'rate-limit:route';
export const NO_RATE_LIMIT = 'rate-limit:none';

/** Adds a route-specific limit (login, orders) on top of the global tiers. */
export const RateLimitRoute = (route: RouteLimit): MethodDecorator => SetMetadata(RATE_LIMIT_ROUTE, route);

/** Never limited: health probes and metrics scrapes must always get through. */
export const NoRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(NO_RATE_LIMIT, true);
