import type { TlsOptions } from 'node:tls';
import { ClientProxyFactory, Transport, type ClientOptions, type ClientProxy, type CustomClientOptions, type MicroserviceOptions } from '@nestjs/microservices';
import { readPemFile, serviceAddress, serviceAddresses, TransportKind, type ServiceAddress, type TransportEnv } from '@pizza/config';
import type { ServiceDescriptor } from '@pizza/contracts-common';
import { CoalescingJsonSocket } from './coalescing-json-socket';
import { MuxedClientNats } from './muxed-client-nats';
import type { HandledObserver } from './observed-handler';
import { StringRouteServerNats, StringRouteServerTCP } from './string-route-servers';

/**
 * NATS connections survive broker restarts: wait for a broker that is not up yet
 * at boot, and reconnect forever, quickly, when it goes away.
 */
const NATS_RESILIENCE = { waitOnFirstConnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250 } as const;

/**
 * How a service listens. TCP: its own address. NATS: a queue group, so N instances share the work;
 * with `pingPattern`, the ping is also answered on this instance's own subject (instanceSubject).
 * Nest's own servers, with string patterns routed without a JSON.parse per message
 * and each handled request told to `observer` (string-route-servers.ts).
 */
export function serverOptions(env: TransportEnv, service: ServiceDescriptor, observer?: HandledObserver, pingPattern?: string): MicroserviceOptions {
  if (env.TRANSPORT === TransportKind.NATS) {
    const direct = pingPattern ? { pattern: pingPattern, subject: instanceSubject(pingPattern, env.INSTANCE_ID) } : undefined;
    return { strategy: new StringRouteServerNats({ ...natsConnection(env), queue: service.queue, name: `${service.name}-service` }, observer, direct, service.name) };
  }
  const { host, port } = serviceAddress(env, service.name);
  const tls = tcpTls(env);
  // Mutual TLS: the service proves itself with its cert and accepts only callers whose cert the CA signed.
  const tlsOptions: TlsOptions | undefined = tls && { ...tls, requestCert: true, rejectUnauthorized: true };
  return { strategy: new StringRouteServerTCP({ host, port, socketClass: CoalescingJsonSocket, ...(tlsOptions ? { tlsOptions } : {}) }, observer) };
}

/** NATS: the subject on which only the instance named `instanceId` answers `pattern` (its ping, for its healthcheck). */
export function instanceSubject(pattern: string, instanceId: string): string {
  return `${pattern}.${instanceId}`;
}

/** What a client is built from: Nest's options, or a subclass of a Nest client (MuxedClientNats). */
export type ProxyOptions = ClientOptions | CustomClientOptions;

export function createClientProxy(options: ProxyOptions): ClientProxy {
  // The same call twice: each of Nest's overloads takes one of the two kinds, not the union.
  return 'customClass' in options ? ClientProxyFactory.create(options) : ClientProxyFactory.create(options);
}

/** How anyone reaches a service: one client per TCP instance, or one NATS connection. */
export function clientOptions(env: TransportEnv, service: ServiceDescriptor): Array<{ label: string; options: ProxyOptions }> {
  if (env.TRANSPORT === TransportKind.NATS) {
    return [{ label: 'nats', options: natsEventClientOptions(env) }];
  }
  const tls = tcpTls(env);
  return serviceAddresses(env, service.name).map((a: ServiceAddress) => ({ label: `${a.host}:${a.port}`, options: tcpClientOptions(a, tls) }));
}

/**
 * How a service instance asks itself `pingPattern` (its healthcheck), never another instance: over
 * TCP at its own address, with the client certificate every caller presents under mutual TLS; over
 * NATS on its own subject (instanceSubject), which no other instance answers for it.
 */
export function ownInstancePing(env: TransportEnv, service: ServiceDescriptor, pingPattern: string): { options: ProxyOptions; pattern: string } {
  return env.TRANSPORT === TransportKind.NATS
    ? { options: natsEventClientOptions(env), pattern: instanceSubject(pingPattern, env.INSTANCE_ID) }
    : { options: tcpClientOptions(serviceAddress(env, service.name), tcpTls(env)), pattern: pingPattern };
}

function tcpClientOptions(address: ServiceAddress, tls: ReturnType<typeof tcpTls>): ClientOptions {
  return { transport: Transport.TCP, options: { host: address.host, port: address.port, socketClass: CoalescingJsonSocket, ...(tls ? { tlsOptions: tls } : {}) } };
}

/** A NATS connection that belongs to no single service: for publishing events. Nest's client, its writes coalesced per turn and its replies on one subscription. */
export function natsEventClientOptions(env: TransportEnv): CustomClientOptions {
  // A ClientNats is a ClientProxy with NATS status events; CustomClientOptions types any status as a string.
  return { customClass: MuxedClientNats as unknown as CustomClientOptions['customClass'], options: natsConnection(env) };
}

/**
 * Servers, credentials (token or user/password) and TLS of every NATS connection.
 * The config (transportSecurityProblems) has already refused half-set pairs.
 */
function natsConnection(env: TransportEnv) {
  const tls =
    env.NATS_TLS_CA_FILE || env.NATS_TLS_CERT_FILE
      ? {
          ...(env.NATS_TLS_CA_FILE ? { ca: readPemFile(env.NATS_TLS_CA_FILE, 'NATS_TLS_CA_FILE') } : {}),
          ...(env.NATS_TLS_CERT_FILE && env.NATS_TLS_KEY_FILE
            ? { cert: readPemFile(env.NATS_TLS_CERT_FILE, 'NATS_TLS_CERT_FILE'), key: readPemFile(env.NATS_TLS_KEY_FILE, 'NATS_TLS_KEY_FILE') }
            : {}),
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

/** The TCP transport's TLS material (the config allows all three files or none), read when clients and servers are built. */
function tcpTls(env: TransportEnv): { cert: string; key: string; ca: string } | undefined {
  const { TCP_TLS_CERT_FILE: cert, TCP_TLS_KEY_FILE: key, TCP_TLS_CA_FILE: ca } = env;
  if (!cert || !key || !ca) return undefined;
  return { cert: readPemFile(cert, 'TCP_TLS_CERT_FILE'), key: readPemFile(key, 'TCP_TLS_KEY_FILE'), ca: readPemFile(ca, 'TCP_TLS_CA_FILE') };
}

/** A NATS server with no queue group: every instance receives every event (broadcast to all gateways). */
export function natsBroadcastOptions(env: TransportEnv): { strategy: StringRouteServerNats } {
  return { strategy: new StringRouteServerNats(natsConnection(env)) };
}
