import { CommonErrors, DomainError, type MessageMeta, type Principal } from '@pizza/contracts-common';

/**
 * Commands that act for a user refuse to run without one, so a message that
 * reaches a service directly, bypassing the gateway's auth, does nothing.
 */
export function requirePrincipal(meta: MessageMeta | undefined): Principal {
  if (!meta?.principal) throw new DomainError(CommonErrors.UNAUTHENTICATED, 'This command needs an authenticated principal');
  return meta.principal;
}
