import type { ClientProxy } from '@nestjs/microservices';
import type { MessageMeta } from '@pizza/contracts-common';
import type { EventReceiver } from './event-publisher';
import { requestOnce } from './request-once';
import { eventEnvelope } from './rpc-client';
import { UpstreamError } from './upstream.error';

/** Where one event reaches one service, and only it, over NATS: its instances take it as a queue group. */
export function receiverSubject(service: string, pattern: string): string {
  return `events.${service}.${pattern}`;
}

/**
 * An event for one service over NATS, sent to that service alone (receiverSubject) as a request its
 * handler answers once it has run: a plain publish reaches whoever is subscribed and says nothing
 * when no one is, so an event published while every instance of a receiver was down was lost
 * without a trace (a payment made while the kitchen restarted never queued the pizza). Here "no
 * responders" (no instance subscribed) is NotSent, and EventPublisher keeps the event for the
 * service and tries again, as it does over TCP when every connection is refused. A reply that does
 * not come within `timeoutMs` may still be handled: it is not sent again (at most once).
 */
export class NatsEventRoute implements EventReceiver {
  constructor(
    readonly service: string,
    private readonly proxy: ClientProxy,
    private readonly timeoutMs: number,
  ) {}

  async emit(pattern: string, event: unknown, meta: MessageMeta = {}): Promise<void> {
    const ms = this.timeoutMs;
    try {
      await requestOnce(this.proxy, receiverSubject(this.service, pattern), eventEnvelope(event, meta), ms, () => UpstreamError.timeout(this.service, pattern, ms));
    } catch (err) {
      throw UpstreamError.from(err, this.service, pattern);
    }
  }
}
