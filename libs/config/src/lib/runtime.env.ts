import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ToInt } from './env.transformers';

export const NodeEnv = { DEVELOPMENT: 'development', TEST: 'test', PRODUCTION: 'production' } as const;
export type NodeEnv = (typeof NodeEnv)[keyof typeof NodeEnv];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every process reads: gateway and services alike. */
export class RuntimeEnv {
  @IsIn(Object.values(NodeEnv))
  NODE_ENV: NodeEnv = NodeEnv.DEVELOPMENT;

  /** The most verbose level that is printed. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'log';

  /** How long SIGTERM waits for in-flight work before the process exits. */
  @ToInt() @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_GRACE_MS: number = 10_000;

  /**
   * After SIGTERM, how long to keep serving while readiness already says 503, so
   * load balancers stop sending traffic before the listener closes.
   */
  @ToInt() @IsInt() @Min(0) @Max(60_000)
  SHUTDOWN_DRAIN_MS: number = 0;
}
