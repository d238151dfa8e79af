import { ServerNats, ServerTCP } from '@nestjs/microservices';

/** The JSON texts that start with a letter. */
const JSON_WORDS = new Set(['true', 'false', 'null']);

/**
 * Nest's servers find a handler by first trying JSON.parse on every incoming
 * pattern (object patterns travel as JSON). Our patterns are plain strings
 * (`<service>.<entity>.<verb>`), so that parse throws, and the exception was a
 * sixth of a service's CPU per message. A string starting with a letter that is
 * not true/false/null cannot be JSON text: it is its own route, exactly what
 * Nest would have concluded after the throw. Anything else takes Nest's path.
 */
export function isPlainRoute(pattern: unknown): pattern is string {
  if (typeof pattern !== 'string' || pattern.length === 0) return false;
  const c = pattern.charCodeAt(0) | 0x20; // ASCII letters, either case
  return c >= 0x61 && c <= 0x7a && !JSON_WORDS.has(pattern);
}

export class StringRouteServerTCP extends ServerTCP {
  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}

export class StringRouteServerNats extends ServerNats {
  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}
