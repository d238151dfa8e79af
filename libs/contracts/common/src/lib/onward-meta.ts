import type { MessageMeta } from './principal';

/**
 * The meta a service sends with a call it makes while serving a request: the request's id (one
 * trail across the services) and what is left of its deadline (budgetMs, so the call ends within
 * it), and the caller's principal when the service called checks who asks. Never the
 * Idempotency-Key: it names the client's command to this service, not the calls it makes for it.
 */
export function onwardMeta(meta: MessageMeta, { withPrincipal = false }: { withPrincipal?: boolean } = {}): MessageMeta {
  const onward: MessageMeta = { requestId: meta.requestId, budgetMs: meta.budgetMs };
  if (withPrincipal) onward.principal = meta.principal;
  return onward;
}
