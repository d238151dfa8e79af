import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a service that holds back everything the service sends by `delayMs`
 * (toxiproxy's latency toxic): a slow service, the service itself unchanged. What callers send
 * goes through at once; the service's bytes keep their order. `delayMs` may change at any time.
 */
export class LatencyProxy {
  delayMs = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1:`port` and forwards each connection to 127.0.0.1:`targetPort`. */
  static start(port: number, targetPort: number): Promise<LatencyProxy> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      const proxy = new LatencyProxy(server, port);
      server.on('connection', (client) => proxy.forward(client, targetPort));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(proxy));
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, targetPort: number): void {
    const service = connect(targetPort, '127.0.0.1');
    for (const s of [client, service]) {
      this.sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => this.sockets.delete(s));
    }
    // A connection the service refuses or drops is dropped for the caller too.
    const drop = () => {
      client.destroy();
      service.destroy();
    };
    client.on('error', drop).on('close', drop);
    client.pipe(service);
    service.on('error', drop);
    // One queue and one timer for its head: two timers due at the same ms may fire in either order.
    const held: Array<{ at: number; chunk: Buffer }> = [];
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const release = () => {
      timer = undefined;
      const now = Date.now();
      while (held.length > 0 && held[0].at <= now) {
        const { chunk } = held.shift() as { chunk: Buffer };
        if (client.writable) client.write(chunk);
      }
      if (held.length > 0) timer = setTimeout(release, held[0].at - now);
      else if (ended) client.end();
    };
    service.on('data', (chunk: Buffer) => {
      // Never before a chunk the service sent earlier, even when delayMs just went down.
      const at = Math.max(held.at(-1)?.at ?? 0, Date.now() + this.delayMs);
      held.push({ at, chunk });
      timer ??= setTimeout(release, at - Date.now());
    });
    service.on('end', () => {
      ended = true;
      if (timer === undefined) client.end();
    });
  }
}
