import { createInbox } from '@nats-io/transport-node';
import type { ReadPacket, WritePacket } from '@nestjs/microservices';
import { CoalescingClientNats } from './coalescing-nats';
import { NotSentError } from './request-once';

type ReplyHandler = ReturnType<CoalescingClientNats['createSubscriptionHandler']>;

interface MuxMessage {
  subject: string;
  data?: Uint8Array;
  /** A status message from nats-server carries its code here (503: no responders). */
  headers?: { code?: number };
}

/** nats-server's answer, on the reply subject, to a request no subscriber was there to take: empty, status 503. */
const isNoResponders = (msg: MuxMessage) => msg.headers?.code === 503 && (msg.data?.length ?? 0) === 0;

/** The part of a nats.js connection and message this uses. */
interface MuxConnection {
  subscribe(subject: string, options: { callback: (err: Error | null, msg: MuxMessage) => void }): { unsubscribe(): void };
  publish(subject: string, data: unknown, options: { reply: string; headers: unknown }): void;
}

/**
 * Nest's NATS client with every reply on one subscription per connection, as
 * nats.js's own `request()` does it. Nest's ClientNats subscribes to a new inbox
 * for each request and unsubscribes when the reply comes: a SUB and an UNSUB on
 * the wire per call, two changes to nats-server's subject tree, and at one
 * connection an UNSUB written on its own after the reply (a write, and a wake-up
 * of nats-server, for nothing). Here each request's reply subject is
 * `<inbox>.<packet id>` under one `<inbox>.*` subscription, and the reply goes to
 * the request's handler by that last token. Replies, errors and a dropped
 * connection are handled by Nest's own code as before. "No responders" (no
 * instance subscribed) fails the request with NotSentError, where Nest reports an
 * empty response: the caller knows nothing was handled and may send it again.
 */
export class MuxedClientNats extends CoalescingClientNats {
  private mux?: { connection: MuxConnection; prefix: string; handlers: Map<string, ReplyHandler> };

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => unknown): () => void {
    const packet = this.assignPacketId(partialPacket);
    this.routingMap.set(packet.id, callback);
    let handlers: Map<string, ReplyHandler> | undefined;
    const cleanup = () => {
      this.routingMap.delete(packet.id);
      handlers?.delete(packet.id);
    };
    try {
      const mux = this.muxFor(this.natsClient as unknown as MuxConnection);
      handlers = mux.handlers;
      handlers.set(packet.id, this.createSubscriptionHandler(packet, callback));
      const serialized = this.serializer.serialize(packet) as { data: unknown; headers?: unknown };
      mux.connection.publish(this.normalizePattern(partialPacket.pattern), serialized.data, { reply: mux.prefix + packet.id, headers: this.mergeHeaders(serialized.headers) });
      return cleanup;
    } catch (err) {
      cleanup();
      callback({ err });
      return () => undefined;
    }
  }

  /** The reply subscription of this connection, made on first use (a new connection after a close gets its own). */
  private muxFor(connection: MuxConnection) {
    if (this.mux?.connection === connection) return this.mux;
    const inbox = createInbox(this.options.inboxPrefix);
    const prefix = `${inbox}.`;
    const handlers = new Map<string, ReplyHandler>();
    const mux = { connection, prefix, handlers };
    connection.subscribe(`${inbox}.*`, {
      callback: (err, msg) => {
        if (err) {
          // The subscription itself failed (a permissions violation, say): fail what waits on it, start over on the next call.
          if (this.mux === mux) this.mux = undefined;
          for (const handle of [...handlers.values()]) void handle(err, msg);
          handlers.clear();
          return;
        }
        const handle = handlers.get(msg.subject.slice(prefix.length));
        // No instance of the service was subscribed: nothing handled it, so even a command may be sent again.
        if (isNoResponders(msg)) void handle?.(new NotSentError(new Error(`no responders on ${msg.subject}`)), msg);
        else void handle?.(null, msg);
      },
    });
    this.mux = mux;
    return mux;
  }
}
