export { RedisConnection } from './lib/redis.connection';
export { StoreBreaker } from './lib/store-breaker';
export { failClosed } from './lib/fail-closed';
export { connectionFromConfig, DATA_STORE, DataStoreModule, repositoryProvider } from './lib/data-store';
export { RedisRecords } from './lib/redis-records';
export type { IndexMove } from './lib/redis-records';
