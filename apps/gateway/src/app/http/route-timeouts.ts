import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where a route's own deadline is kept: its Fastify route config, set once at registration. */
const KEY = 'rpcTimeoutMs';

/** "GET /v1/orders/:id" and "GET /v1/orders/:orderId" are one route: parameter names do not matter. */
const routeKey = (method: string, url: string) => `${method} ${url.replace(/\/:[^/]+/g, '/:')}`;

/** "GET /v1/menu/:id=500" -> [route key, 500]. The config has checked the form. */
function parse(entry: string): [string, { entry: string; ms: number }] {
  const eq = entry.lastIndexOf('=');
  const route = entry.slice(0, eq);
  const space = route.indexOf(' ');
  return [routeKey(route.slice(0, space), route.slice(space + 1)), { entry: route, ms: Number(entry.slice(eq + 1)) }];
}

/**
 * Per-route deadlines (ROUTE_TIMEOUTS_MS, "METHOD /route/:param=ms"): the calls a route makes
 * to services get this deadline instead of their service's (RPC_TIMEOUT_MS, RPC_TIMEOUTS_MS),
 * shorter or longer; past it, 504 as ever. Resolved once per route when Fastify registers it,
 * so a request pays one property read (see routeTimeoutOf). A HEAD route follows its GET, and
 * parameter names do not matter (:id or :orderId). An entry that names no route refuses the
 * boot: a typo would otherwise do nothing.
 */
export function applyRouteTimeouts(fastify: FastifyInstance, entries: readonly string[]): void {
  if (!entries.length) return;
  const wanted = new Map(entries.map(parse));
  const matched = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const key = routeKey(method === 'HEAD' ? 'GET' : method, route.url);
      const want = wanted.get(key);
      if (!want) continue;
      route.config = { ...route.config, [KEY]: want.ms } as typeof route.config;
      matched.add(key);
    }
  });
  fastify.addHook('onReady', async () => {
    const unknown = [...wanted].filter(([key]) => !matched.has(key)).map(([, want]) => want.entry);
    if (unknown.length) throw new Error(`ROUTE_TIMEOUTS_MS names no route: ${unknown.join(', ')} (routes as in the API table, e.g. GET /v1/menu/:id)`);
  });
}

/** The deadline ROUTE_TIMEOUTS_MS gives the request's route, if any. */
export function routeTimeoutOf(request: FastifyRequest): number | undefined {
  return (request.routeOptions.config as { [KEY]?: number } | undefined)?.[KEY];
}
