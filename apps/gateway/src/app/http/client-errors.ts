import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { CommonErrors } from '@pizza/contracts-common';
import { requestTimeBound } from '@pizza/config';
import { problem, type Problem } from './problem';

/** What Node's HTTP server refuses before Fastify sees a request, by Node's error code. */
const REFUSED: Record<string, Problem> = {
  ERR_HTTP_REQUEST_TIMEOUT: problem(CommonErrors.REQUEST_TIMEOUT, 'The request was not received in time'),
  HPE_HEADER_OVERFLOW: problem(CommonErrors.HEADERS_TOO_LARGE, 'The request headers are too large'),
};
const NOT_HTTP = problem(CommonErrors.VALIDATION_FAILED, 'The request is not valid HTTP/1.1');

/**
 * Requests that never became one: not received within CLIENT_TIMEOUT_MS (408), headers past
 * Node's size limit (431), or bytes that are not HTTP (400). Node answers them on the socket
 * before any route, hook or request id exists; Fastify's default answer is its own JSON.
 *
 * `handle` is Fastify's `clientErrorHandler` option: the same problem+json and security headers
 * as every other error, then the connection is closed. The adapter that takes it is built
 * before the config is read, hence `configure`.
 */
export class ClientErrors {
  private headerLines = '';
  private onRefused?: (code: string) => void;

  /** `headers`: what every API answer carries (security headers); `onRefused`: told each answer's code (metrics). */
  configure({ headers, onRefused }: { headers: Record<string, string>; onRefused?: (code: string) => void }): void {
    this.onRefused = onRefused;
    this.headerLines = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
  }

  readonly handle = (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const answer = REFUSED[error.code ?? ''] ?? NOT_HTTP;
      this.onRefused?.(answer.code);
      const body = JSON.stringify(answer);
      socket.write(
        `HTTP/1.1 ${answer.status} ${answer.title}\r\n` +
          'content-type: application/problem+json; charset=utf-8\r\n' +
          `content-length: ${Buffer.byteLength(body)}\r\n` +
          'cache-control: no-store\r\nconnection: close\r\n' +
          this.headerLines +
          '\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}

/**
 * Fastify leaves a client unlimited time to send its request (`requestTimeout: 0`): a client that
 * trickles or stalls its headers or body would hold its connection, and whatever the gateway has
 * read of it, for ever. This bounds receiving a request to `ms`, headers included; what happens
 * after the request is received (the call to a service) has its own deadlines. Fastify made the
 * server already, so the bound is set on it (see requestTimeBound).
 */
export function limitRequestTime(server: Server, ms: number): void {
  Object.assign(server, requestTimeBound(ms));
}
