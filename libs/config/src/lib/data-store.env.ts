import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ToInt } from './env.transformers';

/** redis://host:port, or rediss:// for TLS (credentials and a database number may be in it). */
export const REDIS_URL_FORMAT = /^rediss?:\/\/\S+$/;

/** Where a service keeps its data (orders, tickets, payments, the menu). */
export class DataStoreEnv {
  /**
   * Unset: in memory, one copy per process (the embedded default). Set: in this Redis, which
   * every instance of the service shares, so any instance can serve any request.
   */
  @IsOptional()
  @Matches(REDIS_URL_FORMAT, { message: 'DATA_REDIS_URL must be redis://host:port (or rediss:// for TLS)' })
  DATA_REDIS_URL?: string;

  /** Deadline of every call to that Redis: past it the command is refused (503), not left waiting. */
  @ToInt() @IsInt() @Min(10) @Max(10_000)
  DATA_REDIS_TIMEOUT_MS: number = 1000;
}
