import { ConsoleLogger, Logger, type INestMicroservice, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { AsyncMicroserviceOptions } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { LOG_LEVELS, NodeEnv, serviceAddress, type LogLevel } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { listenForScrapes, ServiceMetrics, type MetricsListener } from '@pizza/metrics';
import { installGracefulShutdown } from './graceful-shutdown';
import { RpcErrorFilter } from './rpc-error.filter';
import { createValidationPipe } from './rpc-validation.pipe';
import { ServiceMetricsModule } from './service-metrics.module';
import { readTransportEnv } from './transport-env.reader';
import { createClientProxy, ownInstancePing, serverOptions } from './transport-options';

/** Levels at and above the configured one. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
}

/** JSON lines in production (for log shippers), readable lines elsewhere. */
export function createLogger(config: ConfigService, context: string): ConsoleLogger {
  return new ConsoleLogger(context, {
    json: config.get('NODE_ENV') === NodeEnv.PRODUCTION,
    logLevels: logLevelsFrom(config.get<LogLevel>('LOG_LEVEL') ?? 'log'),
  });
}

/**
 * Starts one microservice: transport from config, payload validation and error
 * coding on every handler, metrics when METRICS_PORT is set, graceful shutdown
 * on SIGTERM.
 * With `--healthcheck` it instead pings a running instance over the configured
 * transport and exits 0 or 1 (container healthchecks).
 */
export async function bootstrapService(module: Type<unknown>, service: ServiceDescriptor, pingPattern: string): Promise<INestMicroservice | void> {
  if (process.argv.includes('--healthcheck')) return healthcheck(module, service, pingPattern);
  const app = await NestFactory.createMicroservice<AsyncMicroserviceOptions>(
    // The metrics module beside the service's: its RPC clients report to the same metrics.
    { imports: [ServiceMetricsModule.forService(service), module] },
    {
      // With METRICS_PORT set, the server times every request it hands to a handler.
      useFactory: (config: ConfigService, metrics: ServiceMetrics | null) => serverOptions(readTransportEnv(config), service, metrics ?? undefined, pingPattern),
      inject: [ConfigService, ServiceMetrics],
      bufferLogs: true,
    },
  );
  const config = app.get(ConfigService);
  const metrics = app.get<ServiceMetrics, ServiceMetrics | null>(ServiceMetrics);
  app.useLogger(createLogger(config, `${service.name}-service`));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  // Before the service takes messages: a metrics port that is taken refuses the boot, not a running service.
  const scrapes: MetricsListener | undefined = metrics
    ? await listenForScrapes(metrics, { host: config.getOrThrow<string>('METRICS_HOST'), port: config.getOrThrow<number>('METRICS_PORT') })
    : undefined;
  // The metrics listener closes last: a scrape during the drain still sees the service.
  installGracefulShutdown(app, config.get<number>('SHUTDOWN_GRACE_MS') ?? 10_000, `${service.name}-service`, () => scrapes?.close());
  await app.listen();
  const env = readTransportEnv(config);
  // Addresses only: the options hold TLS key material.
  const tcp = () => {
    const { host, port } = serviceAddress(env, service.name);
    return `TCP ${host}:${port}${env.TCP_TLS_CERT_FILE ? ' (mutual TLS)' : ''}`;
  };
  const where = env.TRANSPORT === 'nats' ? `NATS ${env.NATS_URL} (queue ${service.queue})` : tcp();
  new Logger('Bootstrap').log(`${service.name}-service listening on ${where}`);
  return app;
}

async function healthcheck(module: Type<unknown>, service: ServiceDescriptor, pingPattern: string): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(module, { logger: false });
  const env = readTransportEnv(ctx.get(ConfigService));
  const own = ownInstancePing(env, service, pingPattern);
  const client = createClientProxy(own.options);
  try {
    await firstValueFrom(client.send(own.pattern, { meta: {}, data: {} }).pipe(timeout(2000)));
    process.exitCode = 0;
  } catch (err) {
    process.stderr.write(`${service.name} ping failed: ${(err as Error).message ?? JSON.stringify(err)}\n`);
    process.exitCode = 1;
  } finally {
    client.close();
    await ctx.close();
  }
}

/** main.ts helper: a bad config prints its message, not a stack trace, and exits 1. */
export function exitOnBootFailure(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Refusing to start: ${message}\n`);
  process.exit(1);
}
