import type { MessageHandler } from '@nestjs/microservices';
import { CommonErrors } from '@pizza/contracts-common';
import { finalize, isObservable, throwError } from 'rxjs';

/**
 * What a service's server needs to shut down without dropping work: every message handler
 * counted while it runs (until the observable it returns ends, when its reply is written),
 * and a promise that settles once none is left. With `refuseRequests` (TCP, where callers
 * keep sending on open connections), a request that arrives once the drain began is answered
 * SERVICE_DRAINING without being handled, so the caller sends it to another instance. Events
 * are never refused: an event turned away would be lost.
 */
export class ServerDrain {
  private inFlight = 0;
  private draining = false;
  private idle?: () => void;
  private lastArrival = 0;

  constructor(private readonly refuseRequests: boolean) {}

  wrap(handler: MessageHandler, isEventHandler: boolean): MessageHandler {
    const wrapped = (async (data: unknown, ctx: unknown) => {
      if (this.draining) this.lastArrival = Date.now();
      if (this.draining && this.refuseRequests && !isEventHandler) {
        return throwError(() => ({ ...CommonErrors.SERVICE_DRAINING, message: 'the service is shutting down' }));
      }
      this.inFlight++;
      let result: unknown;
      try {
        result = await handler(data, ctx);
      } catch (err) {
        this.done();
        throw err;
      }
      if (isObservable(result)) return result.pipe(finalize(() => this.done()));
      this.done();
      return result;
    }) as MessageHandler;
    return wrapped;
  }

  /** Whether the server has begun to drain. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** From now on the server is draining; settles once no handler runs. */
  start(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  /**
   * Once draining: resolves when `done()` holds (every connection closed by its caller), or when
   * nothing has arrived and nothing runs for `quietMs`, or after `maxMs`, whichever comes first.
   */
  async quiet(done: () => boolean, quietMs: number, maxMs: number): Promise<void> {
    const since = Date.now();
    this.lastArrival = Math.max(this.lastArrival, since);
    while (!done() && Date.now() - since < maxMs) {
      if (this.inFlight === 0 && Date.now() - this.lastArrival >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private done(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.idle) {
      this.idle();
      this.idle = undefined;
    }
  }
}
