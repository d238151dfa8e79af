import { Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ServerNats } from '@nestjs/microservices';
import { NatsServer, waitFor } from '@pizza/testing';
import { NatsHealth } from './nats.health';

/** A real nats-server and Nest's own NATS server, with the reconnect settings the gateway uses. */
describe('NatsHealth', () => {
  let nats: NatsServer;
  let server: ServerNats;
  let health: NatsHealth;
  const check = async () => (await health.checks()[0]())['nats'];
  /** The check's answer once it has this status. */
  const until = (status: 'up' | 'down', what: string, timeoutMs = 10_000) =>
    waitFor(async () => {
      const result = await check();
      return result.status === status && result;
    }, { timeoutMs, what });

  beforeAll(async () => {
    // Nest's server logs every status change; the assertions say what matters.
    Logger.overrideLogger(false);
    nats = await NatsServer.start();
    // Down before the gateway boots: the server's first connection waits for it.
    await nats.pause();
    server = new ServerNats({ servers: [nats.url], waitOnFirstConnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    health = new NatsHealth(new HealthIndicatorService());
    health.watch(server);
    void server.listen(() => undefined);
  });
  afterAll(async () => {
    await server.close();
    await nats.stop();
  });

  it('checks nothing when the gateway has no NATS link (TRANSPORT=tcp)', () => {
    expect(new NatsHealth(new HealthIndicatorService()).checks()).toEqual([]);
  });

  it('is down, at once, before the first connection', async () => {
    const started = performance.now();
    expect(await check()).toMatchObject({ status: 'down', message: 'not connected to NATS' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('is up once NATS comes up', async () => {
    await nats.resume();
    expect(await until('up', 'the first connection')).toMatchObject({ status: 'up' });
  });

  it('is down within its second while NATS is gone, and up again when it is back', async () => {
    await nats.pause();
    const started = performance.now();
    expect(await until('down', 'the link to be seen down', 5000)).toMatchObject({ status: 'down' });
    expect(performance.now() - started).toBeLessThan(3000);
    await nats.resume();
    await until('up', 'the reconnection');
  });
});
