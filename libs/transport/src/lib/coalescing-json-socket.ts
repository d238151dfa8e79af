import { JsonSocket } from '@nestjs/microservices';

/**
 * Nest's TCP framing (`<length>#<json>`), with the writes of one event-loop turn
 * sent as one. Nest's JsonSocket writes every message on its own: one syscall per
 * request on the gateway's side and one per response on the service's. Under load
 * many requests are handled in the same turn, so the socket is corked at the first
 * write and uncorked once the turn's I/O callbacks have run (setImmediate), which
 * turns N writes into one writev. The wire format is unchanged, so either side may
 * be a plain Nest client or server.
 *
 * Measured (TCP hop, wrk at 50 connections, CPU time per request): menu-service
 * 89-93 us -> 46-50 us, gateway 193-214 us -> 175-188 us.
 */
export class CoalescingJsonSocket extends JsonSocket {
  private corked = false;

  private readonly flush = (): void => {
    this.corked = false;
    // A socket that closed in the meantime has nothing to send.
    if (!this.socket.destroyed) this.socket.uncork();
  };

  protected override handleSend(message: unknown, callback?: (err?: unknown) => void): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      setImmediate(this.flush);
    }
    super.handleSend(message, callback);
  }
}
