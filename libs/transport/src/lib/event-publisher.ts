import { Logger } from '@nestjs/common';
import type { EventMap, MessageMeta } from '@pizza/contracts-common';
import type { RpcClient } from './rpc-client';

/**
 * Publishes domain events. Over NATS one publish reaches every subscribed service
 * (one instance of each, by queue group). Over TCP there is no broker, so the
 * producer's module declares which services receive each event, and the event is
 * sent to each of them (to the next of its instances when one refuses the
 * connection). Either way delivery is at most once: a subscriber with no instance
 * up misses the event (documented in the README).
 */
export class EventPublisher<TEvents extends EventMap = EventMap> {
  private readonly logger = new Logger('EventPublisher');

  constructor(private readonly targets: (pattern: string) => RpcClient[]) {}

  async publish<K extends keyof TEvents & string>(pattern: K, event: TEvents[K], meta: MessageMeta = {}): Promise<void> {
    const results = await Promise.allSettled(this.targets(pattern).map((client) => client.emit<TEvents, K>(pattern, event, meta)));
    results.forEach((r) => {
      if (r.status === 'rejected') this.logger.warn(`event ${pattern} not delivered: ${(r.reason as Error).message}`);
    });
  }
}
