import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ToInt } from './env.transformers';

/** Prometheus metrics of one process: the gateway and every service alike. */
export class MetricsEnv {
  /**
   * GET /metrics on a listener of its own, never on a public or RPC port (like
   * Kong's status listener and Envoy's admin port). Unset: no metrics are kept.
   */
  @IsOptional()
  @ToInt() @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** Address of the metrics listener: loopback unless a scraper elsewhere must reach it. */
  @IsString()
  METRICS_HOST: string = '127.0.0.1';
}
