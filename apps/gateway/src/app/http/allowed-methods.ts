import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const noop = (): void => undefined;

/**
 * Whether a match routes the request as Nest's Fastify adapter does: find-my-way matches
 * `/v1/menu/` to `/v1/menu/:id` with an empty `id`, and Nest answers that 404 (callNotFound),
 * so the path is not one the route knows.
 */
function routes(match: { params: Record<string, string | undefined> } | null): boolean {
  if (match === null) return false;
  return Object.entries(match.params).every(([name, value]) => name === '*' || value !== '');
}

/**
 * The methods the gateway's routes answer on a path. Fastify's router says 404 to a path it knows
 * asked with a method it has no route for (`DELETE /v1/orders`); RFC 9110 (15.5.6) has 405 Method
 * Not Allowed and an `Allow` header for that, so a client learns that it is the method that is
 * wrong, not the path. Every route is also added here as Fastify adds it (onRoute); only a request
 * Fastify found no route for is looked up.
 */
export class AllowedMethods {
  private readonly router = FindMyWay();
  private readonly methods = new Set<HTTPMethod>();
  /**
   * Methods routed on every path (CORS preflights: `OPTIONS *`). They say nothing of which paths
   * exist, so they only join the methods of a path that has routes of its own.
   */
  private readonly everywhere = new Set<HTTPMethod>();

  /** Before the routes are registered: it sees each one as it is added. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      for (const routed of [route.method].flat()) {
        const method = routed.toUpperCase() as HTTPMethod;
        if (route.url === '*' || route.url === '/*') {
          this.everywhere.add(method);
          continue;
        }
        this.router.on(method, route.url, noop);
        this.methods.add(method);
      }
    });
  }

  /** The methods routed on `url`'s path, in the order routes were added; none for a path only catch-alls route. */
  on(url: string): HTTPMethod[] {
    const path = url.split('?')[0];
    const routed = [...this.methods].filter((method) => routes(this.router.find(method, path)));
    if (!routed.length) return routed;
    return [...routed, ...[...this.everywhere].filter((method) => !routed.includes(method))];
  }
}
