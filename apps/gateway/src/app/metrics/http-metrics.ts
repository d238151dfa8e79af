import type { AnswerObserver } from '../http/answered';
import type { GatewayMetrics } from './gateway-metrics';

/** The route label of requests that matched no route (404s): one series, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records every answer once it is sent (see observeAnswers): errors, 429s, cache
 * hits answered by earlier hooks and the router's own 400/414 included.
 * The route label is the template (/v1/menu/:id); the cache result comes from the
 * X-Cache header the response cache writes.
 */
export function httpMetricsObserver(metrics: GatewayMetrics): AnswerObserver {
  return (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.httpAnswered(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const cache = reply.getHeader('x-cache');
    if (typeof cache === 'string') metrics.cacheAnswered(route, cache.toLowerCase());
  };
}
