import { createKeyvNonBlocking } from '@keyv/redis';
import { Keyv } from 'keyv';

/**
 * The response cache's store. With a Redis URL: shared by every gateway instance,
 * and non-blocking (a Redis that is down makes misses, not errors or waits).
 * Entries are plain JSON, so they take plain JSON: keyv's default serializer
 * revives Buffers and BigInts with a callback per value, on every hit.
 * Without: this process's memory, entries kept as objects (never mutated), no
 * JSON round trip at all.
 */
export function createCacheStore(redisUrl: string | undefined): Keyv {
  if (!redisUrl) return new Keyv({ serialize: undefined, deserialize: undefined });
  const store = createKeyvNonBlocking(redisUrl, { namespace: 'gateway-cache' });
  store.serialize = (data) => JSON.stringify(data);
  store.deserialize = (data) => JSON.parse(data as string);
  return store;
}
