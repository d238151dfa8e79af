import { Logger } from '@nestjs/common';
import { RedisConnection } from '@pizza/redis';
import { RedisServer, waitFor } from '@pizza/testing';
import { behavesAsIdempotencyStore } from './idempotency-store.contract';
import { RedisIdempotencyStore } from './redis-idempotency.store';

/** A real redis-server, shared by every gateway instance in production. */
describe('RedisIdempotencyStore', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  let store: RedisIdempotencyStore;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await RedisServer.start();
    connection = new RedisConnection(redis.url, 500);
    store = new RedisIdempotencyStore(connection);
    await waitFor(() => connection.run((c) => c.ping()), { what: 'the first connection' });
  });
  afterAll(async () => {
    await connection.onApplicationShutdown();
    await redis.stop();
  });

  it('lets one of two concurrent requests start; the other sees it in flight', async () => {
    const results = await Promise.all([store.begin('race', 'f', 5000), store.begin('race', 'f', 5000)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['in-flight', 'started']);
  });

  it('frees a key whose request never completed (its gateway died) once inFlightMs has passed, not before', async () => {
    const t0 = Date.now();
    expect((await store.begin('orphan', 'f', 400)).kind).toBe('started');
    expect((await store.begin('orphan', 'f', 400)).kind).toBe('in-flight');
    await waitFor(async () => (await store.begin('orphan', 'f', 400)).kind === 'started', { timeoutMs: 5000, intervalMs: 20, what: 'the key to be freed' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
  });

  it('keeps a completed response for its TTL, past inFlightMs, and tells another body apart', async () => {
    const begun = await store.begin('done', 'f', 100);
    if (begun.kind !== 'started') throw new Error(`expected a hold, got ${begun.kind}`);
    await store.complete(begun.hold, { status: 201, body: { id: 'o-1' } }, 60_000);
    // The response replaced the marker, and with it the marker's 100 ms life.
    await waitFor(async () => (await connection.run((c) => c.pTTL('idem:done'))) > 1000, { what: 'the response TTL' });
    expect(await store.begin('done', 'f', 100)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 'o-1' } } });
    expect((await store.begin('done', 'other', 100)).kind).toBe('mismatch');
  });

  behavesAsIdempotencyStore(() => ({
    store,
    // As its PX would: the marker ends on the server, not by a DEL from a client.
    expire: async (key) => {
      await connection.run((c) => c.pExpire(`idem:${key}`, 1));
      await waitFor(async () => (await connection.run((c) => c.exists(`idem:${key}`))) === 0, { what: `the marker of ${key} to expire` });
    },
  }));
});
