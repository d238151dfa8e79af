import { Transport, type ClientOptions, type MicroserviceOptions } from '@nestjs/microservices';
import { serviceAddress, TransportKind, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';

/** How a service listens. TCP: its own address. NATS: a queue group, so N instances share the work. */
export function serverOptions(env: TransportEnv, service: ServiceDescriptor): MicroserviceOptions {
  if (env.TRANSPORT === TransportKind.NATS) {
    return { transport: Transport.NATS, options: { servers: natsServers(env), queue: service.queue, name: `${service.name}-service` } };
  }
  const { host, port } = serviceAddress(env, service.name);
  return { transport: Transport.TCP, options: { host, port } };
}

/** How anyone reaches a service. */
export function clientOptions(env: TransportEnv, service: ServiceDescriptor): ClientOptions {
  if (env.TRANSPORT === TransportKind.NATS) {
    return { transport: Transport.NATS, options: { servers: natsServers(env) } };
  }
  const { host, port } = serviceAddress(env, service.name);
  return { transport: Transport.TCP, options: { host, port } };
}

/** A NATS connection that belongs to no single service: for publishing events. */
export function natsEventClientOptions(env: TransportEnv): ClientOptions {
  return { transport: Transport.NATS, options: { servers: natsServers(env) } };
}

function natsServers(env: TransportEnv): string[] {
  return env.NATS_URL.split(',');
}
