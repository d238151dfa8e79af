import { ServerNats, ServerTCP, type MessageHandler, type MsPattern, type NatsOptions, type TcpOptions } from '@nestjs/microservices';
import { coalesceNatsWrites } from './coalescing-nats';
import { observedHandler, type HandledObserver } from './observed-handler';

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

/** What a server registers for a pattern: timed when there is an observer and it answers requests (events are not). */
function toRegister(pattern: string, callback: MessageHandler, isEventHandler: boolean, observer: HandledObserver | undefined): MessageHandler {
  return observer && !isEventHandler ? observedHandler(pattern, callback, observer) : callback;
}

/**
 * Nest's own servers with two changes: string patterns are routed without the
 * JSON.parse attempt (isPlainRoute), and with an `observer` every request
 * handler is timed where it is registered (observedHandler). Over NATS, the
 * replies of one event-loop turn leave in one write (coalesceNatsWrites), as
 * CoalescingJsonSocket does over TCP.
 */
export class StringRouteServerTCP extends ServerTCP {
  constructor(
    options: Required<TcpOptions>['options'],
    private readonly observer?: HandledObserver,
  ) {
    super(options);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override addHandler(pattern: MsPattern, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(pattern, toRegister(this.normalizePattern(pattern), callback, isEventHandler, this.observer), isEventHandler, extras);
  }
}

export class StringRouteServerNats extends ServerNats {
  constructor(
    options: Required<NatsOptions>['options'],
    private readonly observer?: HandledObserver,
  ) {
    super(options);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override addHandler(pattern: MsPattern, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(pattern, toRegister(this.normalizePattern(pattern), callback, isEventHandler, this.observer), isEventHandler, extras);
  }

  /** Its replies of one event-loop turn leave in one write (coalesceNatsWrites). */
  override async createNatsClient(): Promise<Record<string, unknown>> {
    return coalesceNatsWrites(await super.createNatsClient());
  }
}
