import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnection } from '@pizza/redis';
import { RedisServer, waitFor } from '@pizza/testing';
import { RedisHealth } from './redis.health';

/** A real redis-server, and the gateway's own connection to it. */
describe('RedisHealth', () => {
  const TIMEOUT_MS = 250;
  let redis: RedisServer;
  let connection: RedisConnection;
  let health: RedisHealth;
  const check = async () => (await health.checks()[0]())['redis'];
  const until = (status: 'up' | 'down', what: string) =>
    waitFor(async () => {
      const result = await check();
      return result.status === status && result;
    }, { timeoutMs: 10_000, what });

  beforeAll(async () => {
    // The connection warns when Redis goes away; the assertions say what matters.
    Logger.overrideLogger(false);
    redis = await RedisServer.start();
    connection = new RedisConnection(redis.url, TIMEOUT_MS);
    health = new RedisHealth(new HealthIndicatorService(), connection);
  });
  afterAll(async () => {
    await connection.onApplicationShutdown();
    await redis.stop();
  });

  it('checks nothing without REDIS_URL', () => {
    expect(new RedisHealth(new HealthIndicatorService(), null).checks()).toEqual([]);
  });

  it('is up while Redis answers a PING', async () => {
    expect(await until('up', 'the first connection')).toMatchObject({ status: 'up' });
  });

  it('is down, within the Redis deadline and without the driver’s message, while Redis is gone; up again when it is back', async () => {
    await redis.pause();
    const started = performance.now();
    const down = await check();
    expect(down).toEqual({ status: 'down', message: 'redis did not answer a PING', responseTime: expect.any(Number) });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    await redis.resume();
    await until('up', 'the reconnection');
  });
});
