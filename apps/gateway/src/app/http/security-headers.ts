import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The response headers helmet sets for `options`, computed once.
 *
 * Helmet decides the policy; this only changes when it runs. Our policy has no
 * per-request part (no CSP nonces), so the headers are the same for every
 * response: running helmet's middleware chain on every request and setting the
 * headers on the raw response (what @fastify/helmet does) cost about a third of
 * the gateway's throughput on cached responses (bench: 0.41x -> 0.66x of bare
 * Fastify once it ran at boot instead).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  return headers;
}

/**
 * The gateway's policy. An API answers JSON; the only HTML is the docs UI, which
 * loads its own scripts and styles. HSTS only where it is true: production, served
 * over TLS by this process.
 */
export function gatewaySecurityHeaders({ tls, production }: { tls: boolean; production: boolean }): Record<string, string> {
  return securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: tls ? [] : null,
      },
    },
    hsts: production && tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
