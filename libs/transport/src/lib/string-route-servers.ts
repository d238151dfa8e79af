import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { ServerNats, ServerTCP, type MessageHandler, type MsPattern, type NatsOptions, type TcpOptions } from '@nestjs/microservices';
import { coalesceNatsWrites } from './coalescing-nats';
import { retriedEvent } from './event-retry';
import { receiverSubject } from './nats-event-route';
import { observedHandler, type HandledObserver } from './observed-handler';
import { ServerDrain } from './server-drain';

/**
 * Closing over TCP: callers refused with SERVICE_DRAINING close their connections themselves once
 * their calls here are answered (InstancePool.draining). A connection with nothing arriving for
 * QUIET_MS is ended by us; after PEER_CLOSE_MAX_MS every one is. Then each gets SOCKET_END_MS to
 * close once its last replies are written.
 */
const QUIET_MS = 250;
const PEER_CLOSE_MAX_MS = 3000;
const SOCKET_END_MS = 1000;

/** A caller's connection that went away (it restarted, crashed, or its host did): nothing wrong with what it sent. */
const LOST_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

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

/**
 * What a server registers for a pattern: counted for the drain; an event tried again while it fails
 * for a reason that can pass (retriedEvent); a request timed when there is an observer.
 */
function toRegister(pattern: string, callback: MessageHandler, isEventHandler: boolean, observer: HandledObserver | undefined, drain: ServerDrain): MessageHandler {
  if (isEventHandler) return drain.wrap(retriedEvent(pattern, callback, () => drain.isDraining), true);
  return drain.wrap(observer ? observedHandler(pattern, callback, observer) : callback, false);
}

/** Ends each socket (its pending writes go out first) and waits until it closed, or `ms`. */
function endSockets(sockets: Socket[], ms: number): Promise<unknown> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) return resolve();
          const timer = setTimeout(resolve, ms);
          socket.once('close', () => (clearTimeout(timer), resolve()));
          socket.end();
        }),
    ),
  );
}

/**
 * Nest's own servers with three changes: string patterns are routed without the
 * JSON.parse attempt (isPlainRoute); with an `observer` every request handler is
 * timed where it is registered (observedHandler); and closing drains (ServerDrain):
 * what was taken is finished and answered before the connections close, where Nest's
 * close drops it. Over NATS, the replies of one event-loop turn leave in one write
 * (coalesceNatsWrites), as CoalescingJsonSocket does over TCP.
 */
export class StringRouteServerTCP extends ServerTCP {
  // Callers keep sending on open connections: what arrives once closing began is refused, to be sent elsewhere.
  private readonly drain = new ServerDrain(true);
  private readonly connectionLogger = new Logger('ServerTCP');

  constructor(
    options: Required<TcpOptions>['options'],
    private readonly observer?: HandledObserver,
  ) {
    super(options);
  }

  /**
   * No new connections; requests on open ones are answered SERVICE_DRAINING (the caller sends
   * them to another instance and closes its connection once its calls here are answered); once
   * every handler has finished and the callers have closed or gone quiet, the last replies are
   * written and each remaining connection is ended, then Nest's close.
   */
  override async close(): Promise<void> {
    // Nest re-listens when its server closes unless told the close was meant.
    this.isManuallyTerminated = true;
    this.server?.close();
    await this.drain.start();
    // Ending a connection a caller still writes on could take a request with it: let callers close.
    await this.drain.quiet(() => this.openSockets.size === 0, QUIET_MS, PEER_CLOSE_MAX_MS);
    // The last replies may be held in a corked socket until the end of this turn (CoalescingJsonSocket).
    await new Promise((resolve) => setImmediate(resolve));
    await endSockets([...this.openSockets], SOCKET_END_MS);
    super.close();
  }

  /**
   * Nest logs every error on a caller's connection as "The invalid received message from tcp
   * server" and drops its cause: a gateway restarted with calls out (its connections reset, the
   * replies written to them fail) read, at error level in every service, as corrupt data. Nest's
   * listener (the last one its bindHandler adds) is replaced: a lost connection is a warning that
   * names it and how; data that is not a message stays an error and says what was wrong.
   */
  override bindHandler(socket: Socket): void {
    super.bindHandler(socket);
    const listeners = socket.listeners('error');
    socket.removeListener('error', listeners[listeners.length - 1] as (...args: unknown[]) => void);
    // Read now: a reset socket no longer knows its peer.
    const from = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on('error', (err: unknown) => this.connectionFailed(from, err));
  }

  private connectionFailed(from: string, err: unknown): void {
    // Nest's framing and JSON errors arrive as their message, a string; the socket's own as Errors.
    if (typeof err === 'string') return this.connectionLogger.error(`the caller at ${from} sent what is not a message (${err}); its connection is closed`);
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code && LOST_CONNECTION.has(code)) return this.connectionLogger.warn(`the connection from ${from} was lost (${code}): replies still due on it are not delivered`);
    this.connectionLogger.error(`the connection from ${from} failed: ${(err as Error)?.message ?? String(err)}`);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override addHandler(pattern: MsPattern, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(pattern, toRegister(this.normalizePattern(pattern), callback, isEventHandler, this.observer, this.drain), isEventHandler, extras);
  }
}

/** A handler this instance also answers on a subject of its own, outside the queue group. */
export interface DirectRoute {
  /** The registered pattern whose handler answers. */
  pattern: string;
  /** This instance's subject for it (instanceSubject). */
  subject: string;
}

export class StringRouteServerNats extends ServerNats {
  // The broker stops routing to a draining instance: nothing needs refusing.
  private readonly drain = new ServerDrain(false);

  /**
   * `receiver`: the service this server is, when it is one: its event handlers also take the events
   * sent to it alone (receiverSubject), in its queue group, and answer once handled (NatsEventRoute).
   */
  constructor(
    options: Required<NatsOptions>['options'],
    private readonly observer?: HandledObserver,
    private readonly direct?: DirectRoute,
    private readonly receiver?: string,
  ) {
    super(options);
  }

  /**
   * Nest's queue-group subscriptions; each event handler's subject for events sent to this service
   * alone, in the same queue group; and the direct route's subject with no queue group: a request
   * there reaches this instance or no one (its healthcheck must not be answered by another).
   */
  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]): void {
    super.bindEvents(client);
    const subscriptions = this['subscriptions'] as unknown[];
    const handlerOf = (pattern: string) => this.getMessageHandler(pattern).bind(this) as (err: Error | null, msg: unknown) => void;
    if (this.receiver) {
      const queue = this.getOptionsProp(this['options'], 'queue');
      // Sent as a request (the packet has an id), so Nest runs the event handler and replies once it has: the sender's acknowledgement.
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler) subscriptions.push(client.subscribe(receiverSubject(this.receiver, pattern), { queue, callback: handlerOf(pattern) }));
      }
    }
    if (!this.direct || !this.messageHandlers.has(this.direct.pattern)) return;
    subscriptions.push(client.subscribe(this.direct.subject, { callback: handlerOf(this.direct.pattern) }));
  }

  protected override getRouteFromPattern(pattern: string): string {
    return isPlainRoute(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override addHandler(pattern: MsPattern, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    super.addHandler(pattern, toRegister(this.normalizePattern(pattern), callback, isEventHandler, this.observer, this.drain), isEventHandler, extras);
  }

  /**
   * Drains each subscription (the broker routes the queue group's next requests to the other
   * instances; what it already sent this one is still handled), waits for every handler, sends
   * the last replies (flush), then Nest's close.
   */
  override async close(): Promise<void> {
    const subscriptions = (this['subscriptions'] ?? []) as Array<{ drain(): Promise<void> }>;
    await Promise.all(subscriptions.map((subscription) => subscription.drain().catch(() => undefined)));
    await this.drain.start();
    const connection = natsConnectionOf(this);
    if (connection && !connection.isClosed()) await connection.flush().catch(() => undefined);
    await super.close();
  }

  /** Its replies of one event-loop turn leave in one write (coalesceNatsWrites). */
  override async createNatsClient(): Promise<Record<string, unknown>> {
    return coalesceNatsWrites(await super.createNatsClient());
  }
}

/** What is read of a NATS connection (nats.js) here and by health checks. */
export interface NatsConnectionState {
  isClosed(): boolean;
  /** Resolves when the server answers a PING sent after everything written before it. */
  flush(): Promise<void>;
}

/** A Nest NATS server's connection, once it has made one: Nest's `unwrap` throws until then. */
export function natsConnectionOf(server: Pick<ServerNats, 'unwrap'>): NatsConnectionState | undefined {
  try {
    return server.unwrap<NatsConnectionState>();
  } catch {
    return undefined;
  }
}
