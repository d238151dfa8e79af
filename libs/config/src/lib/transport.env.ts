import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt } from './env.transformers';

export const TransportKind = { TCP: 'tcp', NATS: 'nats' } as const;
export type TransportKind = (typeof TransportKind)[keyof typeof TransportKind];

const HOST = /^[A-Za-z0-9.\-:[\]]{1,253}$/;

/**
 * How processes reach each other. The same keys are read by the service that
 * listens (its own *_SERVICE_HOST/PORT) and by every client of it.
 */
export class TransportEnv {
  @IsIn(Object.values(TransportKind))
  TRANSPORT: TransportKind = TransportKind.TCP;

  @Matches(/^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/, { message: 'NATS_URL must be nats://host:port (comma-separated for a cluster)' })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** Deadline of every RPC; past it the caller gets 504. */
  @ToInt() @IsInt()
  @Min(50)
  @Max(60_000)
  RPC_TIMEOUT_MS: number = 3000;

  @IsString() @Matches(HOST) MENU_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) MENU_SERVICE_PORT: number = 4001;
  @IsString() @Matches(HOST) ORDER_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) ORDER_SERVICE_PORT: number = 4002;
  @IsString() @Matches(HOST) KITCHEN_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) KITCHEN_SERVICE_PORT: number = 4003;
  @IsString() @Matches(HOST) BILLING_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) BILLING_SERVICE_PORT: number = 4004;
}

export type ServiceEnvPrefix = 'MENU' | 'ORDER' | 'KITCHEN' | 'BILLING';

/** Host and port of one service, by its descriptor name ("menu" -> MENU_SERVICE_*). */
export function serviceAddress(env: TransportEnv, serviceName: string): { host: string; port: number } {
  const prefix = serviceName.toUpperCase() as ServiceEnvPrefix;
  const host = env[`${prefix}_SERVICE_HOST`];
  const port = env[`${prefix}_SERVICE_PORT`];
  if (host === undefined || port === undefined) {
    throw new Error(`No address configured for service "${serviceName}" (${prefix}_SERVICE_HOST/PORT)`);
  }
  return { host, port };
}
