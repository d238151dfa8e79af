import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerException, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import { AuthService, routeMetadata } from '@pizza/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addressKey } from './address-key';
import { NO_RATE_LIMIT, RATE_LIMIT_ROUTE } from './rate-limit.decorators';
import { rateLimitPolicy, type NamedLimit } from './rate-limit.policy';

interface Applied {
  name: string;
  limit: number;
  windowS: number;
  remaining: number;
  resetS: number;
}

/**
 * @nestjs/throttler with the gateway's policy: keys per user (valid token) or per
 * client IP (X-Forwarded-For only through TRUST_PROXY_HOPS; an IPv6 one by its network), global across routes
 * for the tiers, route-specific for login and orders. Every limited response
 * carries the IETF RateLimit-Policy / RateLimit headers and X-RateLimit-*; a 429
 * carries Retry-After. Runs before authentication, so floods are cut cheaply.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly limits: Map<string, NamedLimit>;
  private readonly counted = new WeakMap<FastifyRequest, { route?: string; outcome: Promise<void> }>();
  private readonly unlimited: (context: ExecutionContext) => boolean | undefined;
  private readonly routeLimitOf: (context: ExecutionContext) => string | undefined;
  private readonly ipv6PrefixBits: number;

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly auth: AuthService,
    config: ConfigService,
  ) {
    super(options, storage, reflector);
    this.unlimited = routeMetadata<boolean>(reflector, NO_RATE_LIMIT);
    // @RateLimitRoute decorates methods only: the handler's value is the one found.
    this.routeLimitOf = routeMetadata<string>(reflector, RATE_LIMIT_ROUTE);
    this.ipv6PrefixBits = config.getOrThrow<number>('RATE_LIMIT_IPV6_PREFIX');
    this.limits = new Map(
      rateLimitPolicy({
        RATE_LIMITS: config.getOrThrow('RATE_LIMITS'),
        RATE_LIMIT_LOGIN: config.getOrThrow('RATE_LIMIT_LOGIN'),
        RATE_LIMIT_ORDERS: config.getOrThrow('RATE_LIMIT_ORDERS'),
      }).map((l) => [l.name, l]),
    );
  }

  /**
   * Our policy list drives the loop (instead of the base class's per-throttler
   * metadata lookups, which profiling showed as a tenth of the gateway's CPU):
   * route metadata is read once per route.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.unlimited(context)) return true;
    const route = this.routeLimitOf(context);
    const { req, res } = this.getRequestResponse(context) as { req: FastifyRequest; res: FastifyReply };
    await this.limit(req, res, route);
    return true;
  }

  /**
   * Counts the request against every tier (and the route's own limit, if any),
   * writes the headers, and throws ThrottlerException (429) past a limit. Also
   * used before Nest's pipeline by HttpCache: a request is counted once,
   * however many times it is asked about (the second ask gets the first outcome).
   */
  limit(req: FastifyRequest, res: FastifyReply, route?: string): Promise<void> {
    const earlier = this.counted.get(req);
    if (earlier && earlier.route === route) return earlier.outcome;
    const outcome = this.count(req, res, route);
    this.counted.set(req, { route, outcome });
    return outcome;
  }

  private async count(req: FastifyRequest, res: FastifyReply, route?: string): Promise<void> {
    const applied: Applied[] = [];
    // Per request, not per tier: reading the caller (a JWT verification) is the costly part.
    const trackers = new Map<NamedLimit['tracker'], string | undefined>();
    for (const policy of this.limits.values()) {
      if (policy.route && policy.route !== route) continue;
      if (!trackers.has(policy.tracker)) trackers.set(policy.tracker, this.tracker(req, policy.tracker));
      const tracker = trackers.get(policy.tracker);
      if (!tracker) continue;
      const { name, limit, ttlMs: ttl } = policy;
      const record = await this.storageService.increment(`${name}:${tracker}`, ttl, limit, ttl, name);
      applied.push({ name, limit, windowS: Math.ceil(ttl / 1000), remaining: Math.max(0, limit - record.totalHits), resetS: record.timeToExpire });
      if (record.isBlocked) {
        this.writeHeaders(res, applied);
        void res.header('retry-after', String(Math.max(1, record.timeToBlockExpire)));
        throw new ThrottlerException(`Rate limit "${name}" exceeded: at most ${limit} requests per ${Math.ceil(ttl / 1000)} s`);
      }
    }
    if (applied.length) this.writeHeaders(res, applied);
  }

  private tracker(req: FastifyRequest, kind: NamedLimit['tracker']): string | undefined {
    if (kind === 'ip') return this.addressOf(req);
    if (kind === 'username') {
      const username = (req.body as { username?: unknown } | undefined)?.username;
      return typeof username === 'string' && username.length <= 64 ? `user:${username.toLowerCase()}` : undefined;
    }
    const principal = this.auth.peekPrincipal(req.headers.authorization);
    return principal ? `sub:${principal.sub}` : this.addressOf(req);
  }

  /** Asked only when the address is what counts: a caller with a token is counted by it, its address not parsed. */
  private addressOf(req: FastifyRequest): string {
    return `ip:${addressKey(req.clientIp, this.ipv6PrefixBits)}`;
  }

  /** draft-ietf-httpapi-ratelimit-headers: every policy applied, and the tightest in X-RateLimit-*. */
  private writeHeaders(res: FastifyReply, applied: Applied[]): void {
    void res.header('ratelimit-policy', applied.map((a) => `"${a.name}";q=${a.limit};w=${a.windowS}`).join(', '));
    void res.header('ratelimit', applied.map((a) => `"${a.name}";r=${a.remaining};t=${a.resetS}`).join(', '));
    const tightest = applied.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    void res.header('x-ratelimit-limit', String(tightest.limit));
    void res.header('x-ratelimit-remaining', String(tightest.remaining));
    void res.header('x-ratelimit-reset', String(tightest.resetS));
  }
}
