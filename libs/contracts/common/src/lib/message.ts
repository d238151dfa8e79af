import type { MessageMeta } from './principal';

/** The envelope every command and event travels in, on every transport. */
export interface Envelope<TData> {
  meta: MessageMeta;
  data: TData;
}

/** Pattern -> request/response, one map per service: the compiler checks both ends. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PatternMap<T = any> = { [K in keyof T]: { request: unknown; response: unknown } };

/** Event pattern -> payload. */
export type EventMap = object;

/** Who a service is on the network. Transport config turns it into addresses. */
export interface ServiceDescriptor {
  /** Short name; also the prefix of its env keys (MENU_SERVICE_HOST...). */
  readonly name: string;
  /** Nest injection token for a client of this service. */
  readonly clientToken: string;
  /** NATS queue group: instances of one service share the load. */
  readonly queue: string;
  /** TCP port when nothing is configured. */
  readonly defaultPort: number;
  /** Commands safe to send twice (reads): only these are retried by callers. */
  readonly idempotentPatterns?: readonly string[];
  /**
   * Commands that make what one Idempotency-Key asks for once (`meta.idempotency`): sent with a
   * key, callers resend them when the connection failed under them.
   */
  readonly keyedPatterns?: readonly string[];
}

export interface PingResponse {
  service: string;
  status: 'ok';
}
