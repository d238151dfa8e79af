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
  await app.startAllMicroservices();
  await app.listen({ port, host });
  new Logger('Bootstrap').log(`gateway listening on http://${host}:${port} (transport ${config.get('TRANSPORT')})`);
}

main().catch(exitOnBootFailure);
