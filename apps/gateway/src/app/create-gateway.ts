import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TransportKind } from '@pizza/config';
import { createLogger, createValidationPipe, natsBroadcastOptions, readTransportEnv } from '@pizza/transport';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { DrainState } from './lifecycle/drain.state';
import { REQUEST_ID_HEADER, requestIdFor } from './http/request-id';

/**
 * Assembles the HTTP edge, in this order:
 *   1. Fastify: request id (honoured or minted), JSON body limit, 503 while closing;
 *   2. CORS from an explicit allow-list (none by default); responses are
 *      `Cache-Control: private, no-store` unless a route says it is public;
 *   3. guards (global, from AuthModule): JWT authentication, then roles;
 *   4. validation pipe: unknown fields refused, payloads typed;
 *   5. one problem+json filter for every error, Fastify's own (body parsing) included.
 */
export async function createGateway(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ genReqId: requestIdFor, requestIdHeader: false, return503OnClosing: true, trustProxy: false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  const config = app.get(ConfigService);
  app.useLogger(createLogger(config, 'gateway'));

  app.useBodyParser('application/json', { bodyLimit: config.getOrThrow<number>('BODY_LIMIT_BYTES') });
  const fastify = app.getHttpAdapter().getInstance();
  const drain = app.get(DrainState);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // While draining, tell keep-alive clients to reconnect (to another instance) after this response.
    if (drain.draining) void reply.header('connection', 'close');
  });
  // Anything not explicitly public (the @Cached menu) may be per-user: no shared cache may keep it.
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-store');
    return payload;
  });
  // JSON only: anything else is 415 before it reaches validation.
  fastify.removeContentTypeParser('text/plain');

  const origins = config.get<string[]>('CORS_ORIGINS') ?? [];
  app.enableCors({ origin: origins.length ? origins : false, credentials: false, exposedHeaders: [REQUEST_ID_HEADER] });

  // Over NATS every instance also listens for events meant for all gateways (menu.updated): no queue group.
  const transport = readTransportEnv(config);
  if (transport.TRANSPORT === TransportKind.NATS) app.connectMicroservice(natsBroadcastOptions(transport));

  app.useGlobalPipes(createValidationPipe('The request is invalid'));
  app.useGlobalFilters(new ProblemDetailsFilter());
  return app;
}
