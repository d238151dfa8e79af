import { connect } from 'node:net';

export interface RawExchange {
  /** Everything the server wrote, as text. */
  readonly text: string;
  /** From connecting until the server closed the connection. */
  readonly closedAfterMs: number;
  /** The status of the answer's first line (0 when there was none). */
  readonly status: number;
}

/**
 * Sends raw bytes (a request that need not be complete, or not HTTP at all) to `url`'s host and
 * port and collects what the server answers until it closes the connection: for what an HTTP
 * client cannot send, such as a stalled request or oversized headers. A server that keeps the
 * connection open past `giveUpMs` fails the call instead of hanging the test.
 */
export function rawExchange(url: string, bytes: string, { giveUpMs = 15_000 }: { giveUpMs?: number } = {}): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - started, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0) }));
    socket.setTimeout(giveUpMs, () => socket.destroy(new Error(`the server kept the connection open past ${giveUpMs} ms`)));
  });
}
