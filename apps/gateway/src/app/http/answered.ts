import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Told of every answer once it is sent (the metrics, the access log): the status
 * is final and the bytes are written, whichever step answered.
 */
export type AnswerObserver = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * One onResponse hook for all the observers, none when there are none. The router's
 * own answers never reach a hook: RouterErrors tells the same observers of those.
 */
export function observeAnswers(fastify: FastifyInstance, observers: readonly AnswerObserver[]): void {
  if (!observers.length) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    for (const observe of observers) observe(request, reply);
    done();
  });
}
