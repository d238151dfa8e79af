import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { hostname } from 'node:os';
import { ToInt, ToList } from './env.transformers';

export const TransportKind = { TCP: 'tcp', NATS: 'nats' } as const;
export type TransportKind = (typeof TransportKind)[keyof typeof TransportKind];

/**
 * Every service, by its descriptor name. A new service is named here and given its three keys in
 * TransportEnv (*_SERVICE_HOST, *_SERVICE_PORT, *_SERVICE_ADDRS); a spec checks that it has them.
 */
export const SERVICE_NAMES = ['menu', 'order', 'kitchen', 'billing'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A deadline in ms, 50 to 60000, as it appears in a list entry ("menu=500"): the range of RPC_TIMEOUT_MS. */
export const DEADLINE_MS_PATTERN = '(?:[5-9]\\d|[1-9]\\d{2,3}|[1-5]\\d{4}|60000)';
const SERVICE_TIMEOUT = new RegExp(`^(${SERVICE_NAMES.join('|')})=${DEADLINE_MS_PATTERN}$`);
const HOST = /^[A-Za-z0-9.\-:[\]]{1,253}$/;
/** 1 to 65535, as *_SERVICE_PORT. */
const PORT_PATTERN = '(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])';
const ADDR = new RegExp(`^[A-Za-z0-9.-]{1,253}:${PORT_PATTERN}$`);
const ADDR_MESSAGE = 'service addresses are host:port (port 1 to 65535), comma-separated';
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The host name as one NATS subject token: a container's or a pod's own name. */
function hostInstanceId(): string {
  return hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'instance';
}

/** One or more NATS servers, comma-separated (a cluster). */
export const NATS_URL_RULE = {
  pattern: /^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/,
  message: 'NATS_URL must be nats://host:port (comma-separated for a cluster)',
} as const;

/**
 * How processes reach each other. The same keys are read by the service that
 * listens (its own *_SERVICE_HOST/PORT) and by every client of it.
 */
export class TransportEnv {
  @IsIn(Object.values(TransportKind))
  TRANSPORT: TransportKind = TransportKind.TCP;

  @Matches(NATS_URL_RULE.pattern, { message: NATS_URL_RULE.message })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** NATS credentials: a token, or a user and password. */
  @IsOptional() @IsString() NATS_TOKEN?: string;
  @IsOptional() @IsString() NATS_USER?: string;
  @IsOptional() @IsString() NATS_PASSWORD?: string;

  /** NATS over TLS: the CA that signed the server's certificate (and, for mutual TLS, this process's cert and key). */
  @IsOptional() @IsString() NATS_TLS_CA_FILE?: string;
  @IsOptional() @IsString() NATS_TLS_CERT_FILE?: string;
  @IsOptional() @IsString() NATS_TLS_KEY_FILE?: string;

  /**
   * Mutual TLS on the TCP transport, all three or none. Services serve with the
   * cert and demand a client certificate signed by the CA; callers (gateway,
   * service-to-service) present theirs and verify the service against the CA.
   */
  @IsOptional() @IsString() TCP_TLS_CERT_FILE?: string;
  @IsOptional() @IsString() TCP_TLS_KEY_FILE?: string;
  @IsOptional() @IsString() TCP_TLS_CA_FILE?: string;

  /** Deadline of every RPC; past it the caller gets 504. */
  @ToInt() @IsInt()
  @Min(50)
  @Max(60_000)
  RPC_TIMEOUT_MS: number = 3000;

  /** Per-service deadlines overriding RPC_TIMEOUT_MS, e.g. "menu=500,billing=5000". */
  @ToList()
  @Matches(SERVICE_TIMEOUT, { each: true, message: 'RPC_TIMEOUTS_MS entries are service=milliseconds (50 to 60000), e.g. menu=500' })
  RPC_TIMEOUTS_MS: string[] = [];

  @IsString() @Matches(HOST) MENU_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) MENU_SERVICE_PORT: number = 4001;
  @IsString() @Matches(HOST) ORDER_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) ORDER_SERVICE_PORT: number = 4002;
  @IsString() @Matches(HOST) KITCHEN_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) KITCHEN_SERVICE_PORT: number = 4003;
  @IsString() @Matches(HOST) BILLING_SERVICE_HOST: string = '127.0.0.1';
  @ToInt() @IsInt() @Min(1) @Max(65535) BILLING_SERVICE_PORT: number = 4004;

  /**
   * TCP only: every instance of a service, "host:port,host:port". Callers balance
   * round-robin over them; unset means the one at *_SERVICE_HOST:*_SERVICE_PORT.
   */
  @IsOptional() @ToList() @Matches(ADDR, { each: true, message: ADDR_MESSAGE }) MENU_SERVICE_ADDRS?: string[];
  @IsOptional() @ToList() @Matches(ADDR, { each: true, message: ADDR_MESSAGE }) ORDER_SERVICE_ADDRS?: string[];
  @IsOptional() @ToList() @Matches(ADDR, { each: true, message: ADDR_MESSAGE }) KITCHEN_SERVICE_ADDRS?: string[];
  @IsOptional() @ToList() @Matches(ADDR, { each: true, message: ADDR_MESSAGE }) BILLING_SERVICE_ADDRS?: string[];

  /**
   * This process among its service's instances. Over NATS a service also answers its ping on a
   * subject of its own (`<ping pattern>.<INSTANCE_ID>`), which is what its `--healthcheck` asks: the
   * queue group would let another instance answer for a hung one. The host name by default (each
   * container or pod has its own); set it when several instances share a host.
   */
  @Matches(INSTANCE_ID, { message: 'INSTANCE_ID is 1 to 64 letters, digits, - or _' })
  INSTANCE_ID: string = hostInstanceId();
}

export type ServiceEnvPrefix = Uppercase<ServiceName>;

export interface ServiceAddress {
  host: string;
  port: number;
}

/** Every instance of a service (TCP): *_SERVICE_ADDRS, else the one *_SERVICE_HOST:PORT. */
export function serviceAddresses(env: TransportEnv, serviceName: string): ServiceAddress[] {
  const list = env[`${serviceName.toUpperCase() as ServiceEnvPrefix}_SERVICE_ADDRS`];
  if (!list?.length) return [serviceAddress(env, serviceName)];
  return list.map((a) => {
    const i = a.lastIndexOf(':');
    return { host: a.slice(0, i), port: Number(a.slice(i + 1)) };
  });
}

/** The milliseconds of "name=ms" list entries (RPC_TIMEOUTS_MS, ROUTE_TIMEOUTS_MS), as validated above. */
export const entryMs = (entries: readonly string[] | undefined): number[] => (entries ?? []).map((e) => Number(e.slice(e.lastIndexOf('=') + 1)));

/** The deadline of calls to one service: RPC_TIMEOUTS_MS entry, else RPC_TIMEOUT_MS. */
export function serviceTimeoutMs(env: TransportEnv, serviceName: string): number {
  const entry = (env.RPC_TIMEOUTS_MS ?? []).find((e) => e.startsWith(`${serviceName}=`));
  return entry ? entryMs([entry])[0] : env.RPC_TIMEOUT_MS;
}

/** The longest deadline of a call to any service: RPC_TIMEOUT_MS or an RPC_TIMEOUTS_MS entry, whichever is longer. */
export function longestCallTimeoutMs(env: { RPC_TIMEOUT_MS: number; RPC_TIMEOUTS_MS?: readonly string[] }): number {
  return Math.max(env.RPC_TIMEOUT_MS, ...entryMs(env.RPC_TIMEOUTS_MS));
}

/** Host and port this service listens on, by its descriptor name ("menu" -> MENU_SERVICE_*). */
export function serviceAddress(env: TransportEnv, serviceName: string): ServiceAddress {
  const prefix = serviceName.toUpperCase() as ServiceEnvPrefix;
  const host = env[`${prefix}_SERVICE_HOST`];
  const port = env[`${prefix}_SERVICE_PORT`];
  if (host === undefined || port === undefined) {
    throw new Error(`No address configured for service "${serviceName}" (${prefix}_SERVICE_HOST/PORT)`);
  }
  return { host, port };
}
