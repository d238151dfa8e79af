export { RedisConnection } from './lib/redis.connection';
export { STORE_BREAKER, StoreBreaker } from './lib/store-breaker';
export type { StoreBreakerPolicy } from './lib/store-breaker';
export { withDeadline } from './lib/deadline';
export { failClosed } from './lib/fail-closed';
export { DATA_STORE, DataStoreModule, repositoryProvider } from './lib/data-store';
export { memberId, positionMember, RedisRecords } from './lib/redis-records';
export type { IndexMove } from './lib/redis-records';
