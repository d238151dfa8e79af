import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

/**
 * The gateway's one exception filter: every error, from a guard, a pipe, a
 * handler or an upstream service, leaves as application/problem+json.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
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
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ ...problem, instance: request.url.split('?')[0], requestId: request.id });
}
