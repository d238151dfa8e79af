import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NodeEnv, readGatewayHttps, TransportKind } from '@pizza/config';
import { createLogger, createValidationPipe, natsBroadcastOptions, readTransportEnv } from '@pizza/transport';
import { AppModule } from './app.module';
import { HttpCache } from './cache/http-cache';
import { AllowedMethods } from './http/allowed-methods';
import { accessLogObserver, jsonAccessLog, textAccessLog } from './http/access-log';
import { observeAnswers, type AnswerObserver } from './http/answered';
import { API_DOCS_PATH, setupApiDocs } from './http/api-docs';
import { ClientErrors, limitRequestTime } from './http/client-errors';
import { CORS_EXPOSED_HEADERS, CORS_METHODS } from './http/cors-policy';
import { gatewaySecurityHeaders } from './http/security-headers';
import { clientIp } from './http/client-ip';
import { registerJsonBodyParser } from './http/json-body';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { INVALID_REQUEST } from './http/problem';
import { NatsHealth } from './health/nats.health';
import { DrainState } from './lifecycle/drain.state';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { httpMetricsObserver } from './metrics/http-metrics';
import { REQUEST_ID_HEADER, requestIdFor } from './http/request-id';
import { RouterErrors } from './http/router-errors';
import { applyRouteTimeouts } from './http/route-timeouts';

const DOCS_PREFIX = `/${API_DOCS_PATH}`;

/**
 * Assembles the HTTP edge, in this order:
 *   1. Fastify: HTTPS when TLS files are configured, a bound on the time to send a
 *      request (CLIENT_TIMEOUT_MS, 408), request id (honoured or minted), client
 *      address, JSON only (size and depth limits), 503 while closing;
 *   2. security headers (helmet; HSTS in production over TLS), CORS from an
 *      explicit allow-list (none by default); responses are
 *      `Cache-Control: private, no-store` unless a route says it is public;
 *   3. response cache of @Cached GETs (Fastify hooks, HttpCache): fresh hits are
 *      answered here after the rate limit; misses are stored, errors fall back
 *      to the last known answer;
 *   4. guards (global): rate limits, then authentication (bearer token or API
 *      key), roles, scopes;
 *   5. interceptors, bound by their decorators to the routes that declare them:
 *      idempotency keys (@Idempotent POSTs);
 *   6. validation pipe: unknown fields refused, payloads typed;
 *   7. one problem+json filter for every error, Fastify's own (body parsing) included
 *      (a path routed for other methods only: 405 with Allow, from AllowedMethods),
 *      and the same answer for what the router refuses before any hook (RouterErrors:
 *      a broken URL encoding, an over-long path parameter) and for what Node's HTTP
 *      server refuses before that (ClientErrors: too slow, headers too large, not HTTP);
 *   8. metrics (when METRICS_PORT is set): every answer, whichever step gave it, is
 *      recorded once sent (onResponse); RPC calls are recorded by the clients
 *      (RPC_OBSERVER). They are served on their own listener (MetricsListener);
 *   9. access log (ACCESS_LOG, at level log): one line per answer, once sent.
 */
export async function createGateway(): Promise<NestFastifyApplication> {
  // The listener is built before Nest reads its config.
  const https = readGatewayHttps();
  const routerErrors = new RouterErrors();
  const clientErrors = new ClientErrors();
  const server = {
    genReqId: requestIdFor,
    requestIdHeader: false,
    return503OnClosing: true,
    trustProxy: false,
    frameworkErrors: routerErrors.handle,
    clientErrorHandler: clientErrors.handle,
  } as const;
  const adapter = https ? new FastifyAdapter({ ...server, https }) : new FastifyAdapter(server);
  // bodyParser off: the gateway installs its own JSON parser (registerJsonBodyParser).
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true, bodyParser: false });
  const config = app.get(ConfigService);
  app.useLogger(createLogger(config, 'gateway'));
  const production = config.get('NODE_ENV') === NodeEnv.PRODUCTION;

  const fastify = app.getHttpAdapter().getInstance();
  const security = gatewaySecurityHeaders({ tls: !!https, production });
  registerJsonBodyParser(fastify, {
    bodyLimit: config.getOrThrow<number>('BODY_LIMIT_BYTES'),
    maxDepth: config.getOrThrow<number>('JSON_MAX_DEPTH'),
    maxArrayLength: config.getOrThrow<number>('JSON_MAX_ARRAY_LENGTH'),
  });
  // Before Nest registers its routes: HttpCache adds its hooks to each @Cached route as it is added,
  // AllowedMethods learns each route's method (405 rather than 404 for a wrong method).
  app.get(HttpCache).install(fastify);
  const allowed = new AllowedMethods();
  allowed.install(fastify);
  const drain = app.get(DrainState);
  const trustedHops = config.getOrThrow<number>('TRUST_PROXY_HOPS');
  fastify.decorateRequest('clientIp', '');
  // Hooks with nothing to wait for take Fastify's callback and call it at once. An async hook
  // costs a promise and a turn of microtasks per request; on onSend it also defers the write
  // past Nest's `await reply`, which then watches the response stream until it ends.
  fastify.addHook('onRequest', (request, reply, done) => {
    request.clientIp = clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustedHops);
    void reply.headers(request.url.startsWith(DOCS_PREFIX) ? security.docs : security.api).header(REQUEST_ID_HEADER, request.id);
    // While draining, tell keep-alive clients to reconnect (to another instance) after this response.
    if (drain.draining) void reply.header('connection', 'close');
    done();
  });
  // Anything not explicitly public (the @Cached menu) may be per-user: no shared cache may keep it.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-store');
    done(null, payload);
  });
  const observers: AnswerObserver[] = [];
  const metrics = app.get<GatewayMetrics | null>(GatewayMetrics);
  if (metrics) observers.push(httpMetricsObserver(metrics));
  // Not even a hook when the level is off (LOG_LEVEL=warn): the line would be dropped anyway.
  if (config.getOrThrow<boolean>('ACCESS_LOG') && Logger.isLevelEnabled('log')) {
    observers.push(accessLogObserver(production ? jsonAccessLog() : textAccessLog(new Logger('Access'))));
  }
  observeAnswers(fastify, observers);
  // Before Nest registers the routes (at init): each route's own deadline is resolved as it is.
  applyRouteTimeouts(fastify, config.getOrThrow<string[]>('ROUTE_TIMEOUTS_MS'));
  routerErrors.configure({ headers: security.api, observers, trustedHops });
  clientErrors.configure({ headers: security.api, onRefused: metrics ? (code) => metrics.clientRefused(code) : undefined });
  limitRequestTime(fastify.server, config.getOrThrow<number>('CLIENT_TIMEOUT_MS'));
  // JSON only: anything else is 415 before it reaches validation.
  fastify.removeContentTypeParser('text/plain');

  const origins = config.get<string[]>('CORS_ORIGINS') ?? [];
  const anyOrigin = origins.includes('*');
  // No allow-list, no CORS handler at all (a hook per request that could only say no): browsers'
  // cross-origin calls fail, same-origin and server-to-server calls are unaffected.
  if (origins.length) {
    app.enableCors({
      origin: anyOrigin ? '*' : origins,
      // Never with "*" (the config policy refuses that pair in production).
      credentials: !anyOrigin && config.getOrThrow<boolean>('CORS_CREDENTIALS'),
      methods: CORS_METHODS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
    });
  }

  // Over NATS every instance also listens for events meant for all gateways (menu.updated): no queue group.
  const transport = readTransportEnv(config);
  if (transport.TRANSPORT === TransportKind.NATS) {
    const events = natsBroadcastOptions(transport);
    app.connectMicroservice(events);
    // Readiness waits for this connection: the cache's evictions arrive on it.
    app.get(NatsHealth).watch(events.strategy);
  }

  app.useGlobalPipes(createValidationPipe(INVALID_REQUEST));
  app.useGlobalFilters(new ProblemDetailsFilter(allowed));
  if (config.getOrThrow<boolean>('API_DOCS')) setupApiDocs(app);
  return app;
}
