declare module 'fastify' {
  interface FastifyRequest {
    /** Set once per request by the gateway (see clientIp): rate limit keys and audit lines use it. */
    clientIp: string;
  }
}

/**
 * The client address used for rate limiting and audit lines. Without trusted proxies it is the
 * socket's peer: X-Forwarded-For is ignored, so a client cannot pick its own key.
 * With `trustedHops` = N, the chain is X-Forwarded-For plus the peer, and the
 * address N hops from the right is the client (each trusted proxy appended one).
 * Entries a client wrote itself sit further left and are never used.
 */
export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socketIp = peer ?? 'unknown';
  if (trustedHops <= 0 || !forwardedFor) return socketIp;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const chain = [
    ...header
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    socketIp,
  ];
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}
