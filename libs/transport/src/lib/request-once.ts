import type { ClientProxy } from '@nestjs/microservices';

/** The callback-level half of Nest's ClientProxy that `send()` wraps in rxjs. */
interface PublishingProxy {
  connect(): Promise<unknown>;
  createPacket(pattern: string, data: unknown): { pattern: string; data: unknown };
  publish(packet: { pattern: string; data: unknown }, callback: (packet: { err?: unknown; response?: unknown; isDisposed?: boolean }) => void): () => void;
}

/**
 * The request was not handled: its connection could not be made (refused, unreachable), so it
 * was never written; or an instance shutting down refused it unread (SERVICE_DRAINING, see
 * UpstreamError.from); or, over NATS, no instance was subscribed to take it (MuxedClientNats).
 * Sending it again, even a command, cannot make it happen twice.
 */
export class NotSentError extends Error {
  constructor(override readonly cause: unknown) {
    super(`not sent: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'NotSentError';
  }
}

/**
 * One request and its first reply, as a promise, with a deadline that covers the
 * connect too: `firstValueFrom(proxy.send(...).pipe(timeout(ms)))` without the
 * rxjs operators and subscriptions Nest and we build around every call.
 * `publish(packet, callback)` is what every Nest transport implements. A failed
 * connect rejects with NotSentError.
 */
export function requestOnce<R>(proxy: ClientProxy, pattern: string, data: unknown, ms: number, onTimeout: () => Error): Promise<R> {
  const client = proxy as unknown as PublishingProxy;
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    let release: (() => void) | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      release?.();
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(onTimeout())), ms);
    client.connect().then(
      () => {
        if (settled) return;
        release = client.publish(client.createPacket(pattern, data), ({ err, response, isDisposed }) => {
          if (err !== undefined && err !== null) finish(() => reject(err));
          else if (response !== undefined || !isDisposed) finish(() => resolve(response as R));
          else finish(() => reject(new Error('the service completed without a reply')));
        });
        if (settled) release();
      },
      (err: unknown) => finish(() => reject(new NotSentError(err))),
    );
  });
}
