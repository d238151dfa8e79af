import { Logger } from '@nestjs/common';
import type { EventMap, MessageMeta } from '@pizza/contracts-common';
import { UpstreamError } from './upstream.error';

/** What EventPublisher sends an event to: one receiving service (an RpcClient over TCP, a NatsEventRoute over NATS). */
export interface EventReceiver {
  readonly service: string;
  /** Resolves once the event was delivered; rejects with an UpstreamError, `notSent` when nothing took it. */
  emit(pattern: string, event: unknown, meta?: MessageMeta): Promise<void>;
}

export interface RedeliveryPolicy {
  /** How long an event that reached no instance of its receiver is tried again; 0: not at all. */
  forMs: number;
  /** Wait before the first retry; it doubles per retry (with jitter) up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Events waiting for one receiver at most: past it the oldest is dropped (memory stays bounded). */
  maxPending: number;
}

export const DEFAULT_REDELIVERY: RedeliveryPolicy = { forMs: 300_000, firstDelayMs: 200, maxDelayMs: 5000, maxPending: 10_000 };

interface Held {
  pattern: string;
  event: unknown;
  meta: MessageMeta;
  since: number;
}

/** What waits for one receiver, in the order it was published. */
interface Backlog {
  client: EventReceiver;
  events: Held[];
  /** Failed tries of the first event in a row: the backoff. */
  failures: number;
  timer?: NodeJS.Timeout;
}

/**
 * Publishes domain events. The producer's module declares which services receive each event, and
 * the event is sent to each of them: over TCP to the next of its instances when one refuses the
 * connection; over NATS to the service's own subject, where its queue group takes it and answers
 * once handled (NatsEventRoute). An event no service is declared for is published as it is over
 * NATS (every subscriber gets it: menu.updated, for every gateway).
 *
 * An event that reached no instance of a receiver (every connection refused, or over NATS no
 * instance subscribed: it is restarting, or not up yet) was not sent, so it is kept and tried
 * again, with backoff, for `forMs`: a receiver that is down for a moment misses nothing (a payment
 * made while the kitchen restarts still queues the pizza). What a receiver has waiting reaches it
 * in the order it was published: later events queue behind it instead of overtaking (a ticket's
 * "baking" never lands before its "preparing").
 * An event that was sent is never sent again, so delivery stays at most once: one lost on a
 * connection that broke after the write, one past `forMs`, or one still waiting when this process
 * stops, is missed (each is logged).
 */
export class EventPublisher<TEvents extends EventMap = EventMap> {
  private readonly logger = new Logger('EventPublisher');
  private readonly backlogs = new Map<EventReceiver, Backlog>();
  private closed = false;

  constructor(
    private readonly targets: (pattern: string) => EventReceiver[],
    private readonly redelivery: RedeliveryPolicy = DEFAULT_REDELIVERY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves once each receiver has been tried (or, when it has events waiting, queued); retries go on in the background. */
  async publish<K extends keyof TEvents & string>(pattern: K, event: TEvents[K], meta: MessageMeta = {}): Promise<void> {
    const held: Held = { pattern, event, meta, since: this.now() };
    await Promise.all(this.targets(pattern).map((client) => this.send(client, held)));
  }

  /** Events waiting for a receiver to come back. */
  get waiting(): number {
    let n = 0;
    for (const b of this.backlogs.values()) n += b.events.length;
    return n;
  }

  /** Stops retrying; what still waits is dropped, and said so. */
  close(): void {
    this.closed = true;
    for (const b of this.backlogs.values()) {
      clearTimeout(b.timer);
      if (b.events.length) this.logger.error(`${b.events.length} event(s) never reached ${b.client.service} and are dropped at shutdown`);
    }
    this.backlogs.clear();
  }

  private async send(client: EventReceiver, held: Held): Promise<void> {
    const backlog = this.backlogs.get(client);
    if (backlog) return this.hold(backlog, held);
    try {
      await client.emit(held.pattern, held.event, held.meta);
    } catch (err) {
      if (!this.worthKeeping(err, held)) return this.dropped(client, held, err, undelivered(err));
      // Another event to it failed first while this one was on its way: it waits in the same line.
      const meanwhile = this.backlogs.get(client);
      if (meanwhile) return this.hold(meanwhile, held);
      this.logger.warn(`event ${held.pattern}: no instance of ${client.service} took it (${(err as Error).message}); trying again for up to ${this.redelivery.forMs} ms`);
      const fresh: Backlog = { client, events: [], failures: 1 };
      this.backlogs.set(client, fresh);
      this.hold(fresh, held);
      this.retryLater(fresh);
    }
  }

  /** Sends what waits for one receiver, oldest first, until it is all sent or the receiver still refuses. */
  private async drain(b: Backlog): Promise<void> {
    while (b.events.length && !this.closed) {
      const held = b.events[0];
      try {
        await b.client.emit(held.pattern, held.event, held.meta);
        this.logger.log(`event ${held.pattern} reached ${b.client.service} ${this.now() - held.since} ms after it was published`);
      } catch (err) {
        if (this.worthKeeping(err, held)) {
          b.failures++;
          return this.retryLater(b);
        }
        this.dropped(b.client, held, err, `dropped after ${this.now() - held.since} ms`);
      }
      b.events.shift();
      b.failures = 0;
    }
    if (this.backlogs.get(b.client) === b) this.backlogs.delete(b.client);
  }

  private hold(b: Backlog, held: Held): void {
    if (b.events.length >= this.redelivery.maxPending) {
      const oldest = b.events.shift() as Held;
      this.logger.error(`event ${oldest.pattern} to ${b.client.service} dropped: ${this.redelivery.maxPending} events were already waiting for it`);
    }
    b.events.push(held);
  }

  private retryLater(b: Backlog): void {
    const backoff = Math.min(this.redelivery.maxDelayMs, this.redelivery.firstDelayMs * 2 ** (b.failures - 1));
    b.timer = setTimeout(() => void this.drain(b), backoff / 2 + Math.random() * (backoff / 2));
  }

  /** Only an event that was not sent (no connection could be made), while there is time left. */
  private worthKeeping(err: unknown, held: Held): boolean {
    return err instanceof UpstreamError && err.notSent && !this.closed && this.now() - held.since < this.redelivery.forMs;
  }

  private dropped(client: EventReceiver, held: Held, err: unknown, why: string): void {
    this.logger.warn(`event ${held.pattern} to ${client.service} ${why}: ${(err as Error).message}`);
  }
}

/**
 * What a failed delivery says. Over NATS the receiver answers once its handler ran: an error from it
 * is the handler's, and no answer in time may still mean it ran.
 */
function undelivered(err: unknown): string {
  if (!(err instanceof UpstreamError)) return 'not delivered';
  if (!err.isTransportFailure) return 'failed there';
  return err.failure === 'timeout' ? 'unacknowledged (it may have been handled; not sent again)' : 'not delivered';
}
