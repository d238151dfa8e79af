import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerObserver } from './answered';
import { clientIp } from './client-ip';
import { sendProblem } from './problem-details.filter';
import { REQUEST_ID_HEADER } from './request-id';

export interface RouterErrorsSetup {
  /** The headers every API answer carries (security headers). */
  headers: Record<string, string>;
  /** Told of each answer once it is sent, as the onResponse hook tells them of the others. */
  observers: readonly AnswerObserver[];
  trustedHops: number;
}

/**
 * Fastify's router answers two malformed requests itself, before any hook or
 * route runs: a URL whose percent-encoding is broken (400) and a path parameter
 * past `maxParamLength` (414). By default that answer is Fastify's own JSON (its
 * FST_ERR_* code, the whole path echoed back), without the gateway's security
 * headers or X-Request-Id, and no metric or access line ever sees it.
 *
 * `handle` is Fastify's `frameworkErrors` option: it answers those the way every
 * other error is answered (problem+json with a stable code, see toProblem), with
 * the same headers, and tells the same observers. The adapter that takes it is
 * built before the config is read, hence `configure`.
 */
export class RouterErrors {
  private readonly logger = new Logger('RouterErrors');
  private setup: RouterErrorsSetup = { headers: {}, observers: [], trustedHops: 0 };

  configure(setup: RouterErrorsSetup): void {
    this.setup = setup;
  }

  readonly handle = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { headers, observers, trustedHops } = this.setup;
    request.clientIp = clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustedHops);
    void reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
    if (observers.length) {
      reply.raw.once('finish', () => {
        for (const observe of observers) observe(request, reply);
      });
    }
    sendProblem(error, request, reply, this.logger);
  };
}
