import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { exitOnBootFailure, installGracefulShutdown } from '@pizza/transport';
import { createGateway } from './app/create-gateway';

async function main(): Promise<void> {
  const app = await createGateway();
  const config = app.get(ConfigService);
  const port = config.getOrThrow<number>('PORT');
  const host = config.getOrThrow<string>('HOST');
  installGracefulShutdown(app, config.getOrThrow<number>('SHUTDOWN_GRACE_MS'), 'gateway');
  // HTTP first: a gateway that boots before NATS is up serves /health/live, answers readiness 503
  // and fails calls as problems within their deadline; the events subscription (NATS only) waits
  // for its first connection.
  await app.listen({ port, host });
  new Logger('Bootstrap').log(`gateway listening on http://${host}:${port} (transport ${config.get('TRANSPORT')})`);
  await app.startAllMicroservices();
}

main().catch(exitOnBootFailure);
