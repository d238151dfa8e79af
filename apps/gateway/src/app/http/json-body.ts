import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The error a too-deep body raises; the problem mapping turns it into 400 JSON_TOO_DEEP. */
export const JSON_TOO_DEEP = 'GW_JSON_TOO_DEEP';

/**
 * Whether `text` nests objects/arrays deeper than `max`. One linear pass over the
 * raw text, before any parsing: a 10k-deep body costs microseconds and never
 * reaches the recursive parts (JSON.parse, class-transformer, validation).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * application/json for the gateway: size limit (413 past it, the route never runs),
 * a nesting limit (400), then Fastify's own parser, which refuses __proto__ and
 * constructor.prototype keys (prototype pollution).
 */
export function registerJsonBodyParser(fastify: FastifyInstance, options: { bodyLimit: number; maxDepth: number }): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (request: FastifyRequest, body, done) => {
    const text = body as string;
    if (jsonNestsDeeperThan(text, options.maxDepth)) {
      done(Object.assign(new Error(`JSON nests deeper than ${options.maxDepth} levels`), { code: JSON_TOO_DEEP, statusCode: 400 }), undefined);
      return;
    }
    parse(request, text, done);
  });
}
