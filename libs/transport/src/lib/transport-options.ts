import { Transport, type ClientOptions, type MicroserviceOptions } from '@nestjs/microservices';
import { serviceAddress, serviceAddresses, TransportKind, type ServiceAddress, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';

/**
 * NATS connections survive broker restarts: wait for a broker that is not up yet
 * at boot, and reconnect forever, quickly, when it goes away.
 */
const NATS_RESILIENCE = { waitOnFirstConnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 } as const;

/** How a service listens. TCP: its own address. NATS: a queue group, so N instances share the work. */
export function serverOptions(env: TransportEnv, service: ServiceDescriptor): MicroserviceOptions {
  if (env.TRANSPORT === TransportKind.NATS) {
    return {
      transport: Transport.NATS,
      options: { servers: natsServers(env), queue: service.queue, name: `${service.name}-service`, ...NATS_RESILIENCE },
    };
  }
  const { host, port } = serviceAddress(env, service.name);
  return { transport: Transport.TCP, options: { host, port } };
}

/** How anyone reaches a service: one client per TCP instance, or one NATS connection. */
export function clientOptions(env: TransportEnv, service: ServiceDescriptor): Array<{ label: string; options: ClientOptions }> {
  if (env.TRANSPORT === TransportKind.NATS) {
    return [{ label: 'nats', options: natsEventClientOptions(env) }];
  }
  return serviceAddresses(env, service.name).map((a: ServiceAddress) => ({
    label: `${a.host}:${a.port}`,
    options: { transport: Transport.TCP, options: { host: a.host, port: a.port } },
  }));
}

/** A NATS connection that belongs to no single service: for publishing events. */
export function natsEventClientOptions(env: TransportEnv): ClientOptions {
  return { transport: Transport.NATS, options: { servers: natsServers(env), ...NATS_RESILIENCE } };
}

function natsServers(env: TransportEnv): string[] {
  return env.NATS_URL.split(',');
}

/** A NATS server with no queue group: every instance receives every event (broadcast to all gateways). */
export function natsBroadcastOptions(env: TransportEnv): MicroserviceOptions {
  return { transport: Transport.NATS, options: { servers: natsServers(env), ...NATS_RESILIENCE } };
}
