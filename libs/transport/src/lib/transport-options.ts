import { readFileSync } from 'node:fs';
import type { TlsOptions } from 'node:tls';
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
      options: { ...natsConnection(env), queue: service.queue, name: `${service.name}-service` },
    };
  }
  const { host, port } = serviceAddress(env, service.name);
  const tls = tcpTls(env);
  // Mutual TLS: the service proves itself with its cert and accepts only callers whose cert the CA signed.
  const tlsOptions: TlsOptions | undefined = tls && { ...tls, requestCert: true, rejectUnauthorized: true };
  return { transport: Transport.TCP, options: { host, port, ...(tlsOptions ? { tlsOptions } : {}) } };
}

/** How anyone reaches a service: one client per TCP instance, or one NATS connection. */
export function clientOptions(env: TransportEnv, service: ServiceDescriptor): Array<{ label: string; options: ClientOptions }> {
  if (env.TRANSPORT === TransportKind.NATS) {
    return [{ label: 'nats', options: natsEventClientOptions(env) }];
  }
  const tls = tcpTls(env);
  return serviceAddresses(env, service.name).map((a: ServiceAddress) => ({
    label: `${a.host}:${a.port}`,
    options: { transport: Transport.TCP, options: { host: a.host, port: a.port, ...(tls ? { tlsOptions: tls } : {}) } },
  }));
}

/** A NATS connection that belongs to no single service: for publishing events. */
export function natsEventClientOptions(env: TransportEnv): ClientOptions {
  return { transport: Transport.NATS, options: natsConnection(env) };
}

/** Servers, credentials (token or user/password) and TLS of every NATS connection. */
function natsConnection(env: TransportEnv) {
  if (!!env.NATS_USER !== !!env.NATS_PASSWORD) throw new Error('NATS_USER and NATS_PASSWORD: set both, or neither');
  if (env.NATS_TOKEN && env.NATS_USER) throw new Error('NATS_TOKEN and NATS_USER: use one way to authenticate');
  if (!!env.NATS_TLS_CERT_FILE !== !!env.NATS_TLS_KEY_FILE) throw new Error('NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE: set both, or neither');
  const tls =
    env.NATS_TLS_CA_FILE || env.NATS_TLS_CERT_FILE
      ? {
          ...(env.NATS_TLS_CA_FILE ? { ca: pem(env.NATS_TLS_CA_FILE, 'NATS_TLS_CA_FILE') } : {}),
          ...(env.NATS_TLS_CERT_FILE ? { cert: pem(env.NATS_TLS_CERT_FILE, 'NATS_TLS_CERT_FILE'), key: pem(env.NATS_TLS_KEY_FILE as string, 'NATS_TLS_KEY_FILE') } : {}),
        }
      : undefined;
  return {
    servers: env.NATS_URL.split(','),
    ...(env.NATS_TOKEN ? { token: env.NATS_TOKEN } : {}),
    ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
    ...(tls ? { tls } : {}),
    ...NATS_RESILIENCE,
  };
}

/** The TCP transport's TLS material: all three files, or none. Read when clients and servers are built (at boot). */
function tcpTls(env: TransportEnv): { cert: string; key: string; ca: string } | undefined {
  const files = [env.TCP_TLS_CERT_FILE, env.TCP_TLS_KEY_FILE, env.TCP_TLS_CA_FILE];
  if (!files.some(Boolean)) return undefined;
  if (!files.every(Boolean)) throw new Error('TCP_TLS_CERT_FILE, TCP_TLS_KEY_FILE and TCP_TLS_CA_FILE: set all three, or none');
  return { cert: pem(files[0] as string, 'TCP_TLS_CERT_FILE'), key: pem(files[1] as string, 'TCP_TLS_KEY_FILE'), ca: pem(files[2] as string, 'TCP_TLS_CA_FILE') };
}

function pem(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A NATS server with no queue group: every instance receives every event (broadcast to all gateways). */
export function natsBroadcastOptions(env: TransportEnv): MicroserviceOptions {
  return { transport: Transport.NATS, options: natsConnection(env) };
}
