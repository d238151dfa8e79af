import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ToBoolean, ToInt, ToList } from './env.transformers';
import { GatewayTlsEnv } from './gateway-tls.env';
import { REDIS_URL_FORMAT } from './data-store.env';
import { DEADLINE_MS_PATTERN, SERVICE_NAMES } from './transport.env';

/** What /health/ready checks: every service, and NATS and Redis when they are configured. */
export const READINESS_DEPENDENCIES = [...SERVICE_NAMES, 'nats', 'redis'] as const;

/** "20/1s": at least one request in a window of at least one unit (0 would refuse every request). */
const LIMIT = '[1-9]\\d*\\/[1-9]\\d*(ms|s|m|h)';
const RATE = new RegExp(`^[a-z][a-z0-9-]{0,31}=${LIMIT}$`);
/** "GET /v1/menu/:id=500": a method, a route template, and 50 to 60000 ms. */
const ROUTE_TIMEOUT = new RegExp(`^(GET|POST|PUT|PATCH|DELETE) /[A-Za-z0-9/:._~-]*=${DEADLINE_MS_PATTERN}$`);

/** The public edge. */
export class GatewayEnv extends GatewayTlsEnv {
  @ToInt() @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** Pinned signing algorithm of access tokens. HS256 uses JWT_SECRET; RS256/ES256 use the key files. */
  @IsIn(['HS256', 'RS256', 'ES256'])
  JWT_ALGORITHM: 'HS256' | 'RS256' | 'ES256' = 'HS256';

  /** HS256 key. Required (>= 32 bytes) in production; generated per boot in development. */
  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  /** PEM private key (RS256/ES256): signs access tokens. */
  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

  /** PEM public key (RS256/ES256): verifies access tokens. */
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string;

  @IsString()
  @Length(1, 256)
  JWT_ISSUER: string = 'pizza-gateway';

  @IsString()
  @Length(1, 256)
  JWT_AUDIENCE: string = 'pizza-api';

  @ToInt() @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS: number = 900;

  /** Lifetime of a refresh token (single use; each refresh issues the next one). */
  @ToInt() @IsInt()
  @Min(300)
  @Max(90 * 86_400)
  JWT_REFRESH_TTL_SECONDS: number = 7 * 86_400;

  /** Demo users alice, bob, chef, admin. Defaults to on outside production; refused in production. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  DEMO_USERS?: boolean;

  /** Exact origins allowed by CORS, comma-separated ("*" for any). Empty: no cross-origin browser access. */
  @ToList()
  @Matches(/^(https?:\/\/[^\s/]+|\*)$/, { each: true, message: 'CORS_ORIGINS entries must be origins such as https://app.example.com, or *' })
  CORS_ORIGINS: string[] = [];

  /** Let browsers send credentials cross-origin (Access-Control-Allow-Credentials). Never with "*". */
  @ToBoolean()
  @IsBoolean()
  CORS_CREDENTIALS: boolean = false;

  /** OpenAPI document and UI at /docs. Defaults to on outside production, off in production. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  API_DOCS?: boolean;

  /** Deepest nesting of objects/arrays accepted in a JSON body. */
  @ToInt() @IsInt() @Min(2) @Max(256)
  JSON_MAX_DEPTH: number = 32;

  /** Most elements in any one JSON array of a body (checked before parsing, like the depth). */
  @ToInt() @IsInt() @Min(16) @Max(100_000)
  JSON_MAX_ARRAY_LENGTH: number = 1000;

  /** Deadline for the optional parts of an aggregated response (GET /v1/orders/:id). */
  @ToInt() @IsInt()
  @Min(50)
  @Max(60_000)
  AGGREGATE_DEADLINE_MS: number = 2000;

  /**
   * Per-route deadlines, "METHOD /route=ms" with the route as in the API table, e.g.
   * "GET /v1/menu/:id=500,POST /v1/orders/:orderId/payment=8000": the calls the route makes
   * get this deadline instead of their service's (for GET /v1/orders/:orderId, instead of
   * AGGREGATE_DEADLINE_MS). 50 to 60000 ms. An entry naming no route refuses the boot.
   */
  @ToList()
  @Matches(ROUTE_TIMEOUT, { each: true, message: 'ROUTE_TIMEOUTS_MS entries are METHOD /route=milliseconds (50 to 60000), e.g. GET /v1/menu/:id=500' })
  ROUTE_TIMEOUTS_MS: string[] = [];

  /** Shared state of several gateway instances (idempotency keys). Unset: in memory, one instance. */
  @IsOptional()
  @Matches(REDIS_URL_FORMAT, { message: 'REDIS_URL must be redis://host:port (or rediss:// for TLS)' })
  REDIS_URL?: string;

  /** Deadline of every Redis call. */
  @ToInt() @IsInt() @Min(10) @Max(10_000)
  REDIS_TIMEOUT_MS: number = 250;

  /** Global tiers, name=limit/window: every client (user, else IP) gets each. Windows: ms, s, m, h. */
  @ToList()
  @Matches(RATE, { each: true, message: 'RATE_LIMITS entries are name=limit/window, both at least 1, e.g. burst=20/1s' })
  RATE_LIMITS: string[] = ['burst=20/1s', 'sustained=300/1m'];

  /** POST /v1/auth/login, per client IP and, separately, per username (brute force). */
  @Matches(new RegExp(`^${LIMIT}$`), { message: 'RATE_LIMIT_LOGIN is limit/window, both at least 1, e.g. 5/1m' })
  RATE_LIMIT_LOGIN: string = '5/1m';

  /** POST /v1/orders, per user. */
  @Matches(new RegExp(`^${LIMIT}$`), { message: 'RATE_LIMIT_ORDERS is limit/window, both at least 1, e.g. 10/1m' })
  RATE_LIMIT_ORDERS: string = '10/1m';

  /**
   * How many leading bits of an IPv6 client address the per-address limits count by: a client is
   * given a whole network and can use a new address of it for every request. 128: each address.
   */
  @ToInt() @IsInt() @Min(32) @Max(128)
  RATE_LIMIT_IPV6_PREFIX: number = 56;

  /**
   * The dependencies without which the gateway is not ready (/health/ready 503). The others are
   * still checked and shown; one that is down reads "degraded" (200): the gateway stays in its
   * load balancer and answers what needs it with 503s of its own. Default: all of them.
   */
  @ToList()
  @IsIn(READINESS_DEPENDENCIES, { each: true, message: `READY_REQUIRES entries are among ${READINESS_DEPENDENCIES.join(', ')}` })
  READY_REQUIRES: string[] = [...READINESS_DEPENDENCIES];

  /** Proxies in front of the gateway whose X-Forwarded-For entries are trusted. 0: use the socket address. */
  @ToInt() @IsInt() @Min(0) @Max(10)
  TRUST_PROXY_HOPS: number = 0;

  /** When the shared rate-limit store (Redis) fails: open lets requests through, closed refuses them. */
  @IsIn(['open', 'closed'])
  RATE_LIMIT_STORE_FAILURE: 'open' | 'closed' = 'open';

  /** How long a cached public response (the menu) is fresh. 0 turns the response cache off. */
  @ToInt() @IsInt() @Min(0) @Max(86_400)
  CACHE_TTL_SECONDS: number = 30;

  /** How old a cached response may be when served because its service is down (stale-if-error). */
  @ToInt() @IsInt() @Min(0) @Max(7 * 86_400)
  CACHE_MAX_STALE_SECONDS: number = 600;

  /** How long a response to an Idempotency-Key is kept for replay. */
  @ToInt() @IsInt() @Min(60) @Max(7 * 86_400)
  IDEMPOTENCY_TTL_SECONDS: number = 86_400;

  /** One access line per answer (level log, context "Access"); healthy probes are skipped. */
  @ToBoolean()
  @IsBoolean()
  ACCESS_LOG: boolean = true;

  /**
   * How long a client may take to send a whole request, headers and body, from the moment it
   * connects or starts the request: past it, 408 and the connection is closed. Without it a client
   * trickling or stalling its request would hold a connection forever (slowloris).
   */
  @ToInt() @IsInt() @Min(1000) @Max(600_000)
  CLIENT_TIMEOUT_MS: number = 30_000;

  /** Largest accepted request body. */
  @ToInt() @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 100 * 1024;
}
