import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '@pizza/auth';
import type { FastifyReply } from 'fastify';
import { DrainState } from '../lifecycle/drain.state';
import { NoRateLimit } from '../rate-limit/rate-limit.decorators';
import { NatsHealth } from './nats.health';
import { readinessChecks } from './readiness';
import { RedisHealth } from './redis.health';
import { ServicesHealth } from './services.health';

/** Unversioned, public, and answered by terminus' own format (what orchestrators expect). */
@Controller('health')
@Public()
@NoRateLimit()
export class HealthController {
  /** READY_REQUIRES: what the gateway is not ready without. */
  private readonly required: ReadonlySet<string>;

  constructor(
    private readonly health: HealthCheckService,
    private readonly services: ServicesHealth,
    private readonly redis: RedisHealth,
    private readonly nats: NatsHealth,
    private readonly drain: DrainState,
    config: ConfigService,
  ) {
    this.required = new Set(config.getOrThrow<string[]>('READY_REQUIRES'));
  }

  /** The process is up and serving HTTP. Depends on nothing downstream. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Every service answers a ping, and so do NATS (TRANSPORT=nats) and Redis (REDIS_URL);
   * otherwise 503 naming what did not, unless READY_REQUIRES leaves it out (then "degraded", 200).
   * 503 as soon as shutdown begins.
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    if (this.drain.draining) {
      void reply.status(503);
      return { status: 'error', info: {}, error: { gateway: { status: 'down', reason: 'shutting down' } }, details: {} };
    }
    try {
      return await this.health.check(readinessChecks([...this.nats.checks(), ...this.redis.checks(), ...this.services.checks()], this.required));
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      void reply.status(503);
      return err.getResponse();
    }
  }
}
