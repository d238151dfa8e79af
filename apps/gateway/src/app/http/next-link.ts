import type { PageRequest } from '@pizza/contracts-common';

/**
 * The `Link` header (RFC 8288) to the page after this one, at the same `limit`:
 * `</v1/orders?limit=20&after=...>; rel="next"`. The body stays the list itself; a client follows
 * `next` links until there is none.
 */
export function nextLink(path: string, page: PageRequest, next: string): string {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  query.set('after', next);
  return `<${path}?${query.toString()}>; rel="next"`;
}
