import { JsonSocket } from '@nestjs/microservices';

/**
 * Nest's TCP framing (`<length>#<json>`), with the writes of one event-loop turn
 * sent together. Nest's JsonSocket writes every message on its own: one syscall per
 * request on the gateway's side and one per response on the service's. Under load
 * many requests are handled in the same turn, so after the first write of a turn
 * the socket is corked, and uncorked once the turn's I/O callbacks have run
 * (setImmediate): N writes become two. The first message of a turn goes out at once,
 * so a lone request (low load) waits for nothing. The wire format is unchanged:
 * either side may be a plain Nest client or server.
 *
 * Measured against Nest's JsonSocket (TCP hop, wrk at 50 connections, same run):
 * +15-18% requests/s; CPU per request menu-service -46%, gateway -17%. At one
 * connection: no difference beyond noise.
 */
export class CoalescingJsonSocket extends JsonSocket {
  private inTurn = false;
  private corked = false;

  private readonly endTurn = (): void => {
    this.inTurn = false;
    if (!this.corked) return;
    this.corked = false;
    // On a socket destroyed meanwhile this is harmless: held writes already failed with ERR_STREAM_DESTROYED.
    this.socket.uncork();
  };

  protected override handleSend(message: unknown, callback?: (err?: unknown) => void): void {
    if (!this.inTurn) {
      this.inTurn = true;
      setImmediate(this.endTurn);
    } else if (!this.corked) {
      this.corked = true;
      this.socket.cork();
    }
    super.handleSend(message, callback);
  }
}
