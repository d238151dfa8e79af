import type { Page, PageRequest } from '@pizza/contracts-common';
import type { FastifyReply } from 'fastify';

/**
 * The `Link` header (RFC 8288) to the page after this one, asked as this one was (its limit and
 * filters kept, lists comma-separated): `</v1/orders?limit=20&after=...>; rel="next"`.
 */
export function nextLink(path: string, request: PageRequest, next: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request)) {
    if (name !== 'after' && value !== undefined) query.set(name, [value].flat().join(','));
  }
  query.set('after', next);
  return `<${path}?${query.toString()}>; rel="next"`;
}

/**
 * A page as the API answers it: the body is the list itself; the next page, if any, is in `Link`,
 * so a client follows `next` links until there is none.
 */
export function answerPage<T>(reply: FastifyReply, path: string, request: PageRequest, page: Page<T>): T[] {
  if (page.next) void reply.header('link', nextLink(path, request, page.next));
  return page.items;
}
