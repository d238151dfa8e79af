import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerException, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface';
import { AuthService } from '@pizza/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from './client-ip';
import { NO_RATE_LIMIT, RATE_LIMIT_ROUTE } from './rate-limit.decorators';
import { rateLimitPolicy, type NamedLimit } from './rate-limit.policy';

interface Applied {
  name: string;
  limit: number;
  windowS: number;
  remaining: number;
  resetS: number;
}

const APPLIED = Symbol('rate-limits-applied');
type LimitedRequest = FastifyRequest & { [APPLIED]?: Applied[] };

/**
 * @nestjs/throttler with the gateway's policy: keys per user (valid token) or per
 * client IP (X-Forwarded-For only through TRUST_PROXY_HOPS), global across routes
 * for the tiers, route-specific for login and orders. Every limited response
 * carries the IETF RateLimit-Policy / RateLimit headers and X-RateLimit-*; a 429
 * carries Retry-After. Runs before authentication, so floods are cut cheaply.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly limits: Map<string, NamedLimit>;
  private readonly trustedHops: number;

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly auth: AuthService,
    config: ConfigService,
  ) {
    super(options, storage, reflector);
    this.limits = new Map(
      rateLimitPolicy({
        RATE_LIMITS: config.getOrThrow('RATE_LIMITS'),
        RATE_LIMIT_LOGIN: config.getOrThrow('RATE_LIMIT_LOGIN'),
        RATE_LIMIT_ORDERS: config.getOrThrow('RATE_LIMIT_ORDERS'),
      }).map((l) => [l.name, l]),
    );
    this.trustedHops = config.getOrThrow<number>('TRUST_PROXY_HOPS');
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !!this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, [context.getHandler(), context.getClass()]);
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration }: ThrottlerRequest): Promise<boolean> {
    const name = throttler.name ?? 'default';
    const policy = this.limits.get(name);
    const route = this.reflector.get<string | undefined>(RATE_LIMIT_ROUTE, context.getHandler());
    if (policy?.route && policy.route !== route) return true;
    const { req, res } = this.getRequestResponse(context) as { req: LimitedRequest; res: FastifyReply };

    const tracker = this.tracker(req, policy?.tracker ?? 'client');
    if (!tracker) return true;
    const record = await this.storageService.increment(`${name}:${tracker}`, ttl, limit, blockDuration, name);
    const applied = (req[APPLIED] ??= []);
    applied.push({ name, limit, windowS: Math.ceil(ttl / 1000), remaining: Math.max(0, limit - record.totalHits), resetS: record.timeToExpire });
    this.writeHeaders(res, applied);
    if (record.isBlocked) {
      void res.header('retry-after', String(Math.max(1, record.timeToBlockExpire)));
      throw new ThrottlerException(`Rate limit "${name}" exceeded: at most ${limit} requests per ${Math.ceil(ttl / 1000)} s`);
    }
    return true;
  }

  private tracker(req: FastifyRequest, kind: NamedLimit['tracker']): string | undefined {
    const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.trustedHops);
    if (kind === 'ip') return `ip:${ip}`;
    if (kind === 'username') {
      const username = (req.body as { username?: unknown } | undefined)?.username;
      return typeof username === 'string' && username.length <= 64 ? `user:${username.toLowerCase()}` : undefined;
    }
    const principal = this.auth.peekPrincipal(req.headers.authorization);
    return principal ? `sub:${principal.sub}` : `ip:${ip}`;
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
