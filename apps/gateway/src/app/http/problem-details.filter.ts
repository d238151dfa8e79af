import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllowedMethods } from './allowed-methods';
import { authChallenge } from './auth-challenge';
import { toProblem } from './problem';

/**
 * The gateway's one exception filter: every error, from a guard, a pipe, a
 * handler or an upstream service, leaves as application/problem+json. A request
 * the router found no route for is 404, or 405 with `Allow` when its path has
 * routes for other methods (`allowed`).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly allowed?: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const allow = request.is404 && this.allowed ? this.allowed.on(request.url) : [];
    if (allow.length) {
      void reply.header('allow', allow.join(', '));
      exception = new DomainError(CommonErrors.METHOD_NOT_ALLOWED, `${request.method} is not allowed on this path; it allows ${allow.join(', ')}`);
    }
    sendProblem(exception, request, reply, this.logger);
  }
}

/** Answers `exception` as application/problem+json (see toProblem); an unexpected one is logged in full. */
export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, unexpected } = toProblem(exception);
  if (unexpected) {
    logger.error(`${request.method} ${request.url} [${request.id}] ${exception instanceof Error ? (exception.stack ?? exception.message) : JSON.stringify(exception)}`);
  }
  if (problem.retryAfterMs !== undefined) {
    // Retry-After has whole seconds (RFC 9110); Retry-After-Ms the exact wait, as the body's retryAfterMs.
    void reply.header('retry-after', String(Math.max(1, Math.ceil(problem.retryAfterMs / 1000)))).header('retry-after-ms', String(problem.retryAfterMs));
  }
  if (problem.status === 401) void reply.header('www-authenticate', authChallenge(request.headers.authorization));
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ ...problem, instance: request.url.split('?')[0], requestId: request.id });
}
