import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

const PING_TIMEOUT_MS = 1000;

/** What this reads of a NATS connection (nats.js). */
interface NatsConnectionLike {
  isClosed(): boolean;
  /** Resolves when the server answers a PING sent after everything written before it. */
  flush(): Promise<void>;
}

/** A Nest NATS server: `unwrap` throws until its first connection is made. */
interface NatsServerLike {
  unwrap<T>(): T;
}

/**
 * Readiness of the gateway's own NATS link (TRANSPORT=nats): the connection that
 * carries the events meant for every gateway (menu.updated, which evicts the response
 * cache) answers a PING within a second. Down until its first connection (a gateway
 * that boots before NATS serves /health/live, and is not ready) and while it
 * reconnects. The service pings show the RPC side.
 */
@Injectable()
export class NatsHealth {
  private server?: NatsServerLike;

  constructor(private readonly indicator: HealthIndicatorService) {}

  /** The events server (TRANSPORT=nats); with none watched there is nothing to check. */
  watch(server: NatsServerLike): void {
    this.server = server;
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    const server = this.server;
    if (!server) return [];
    return [
      async () =>
        this.indicator
          .check('nats')
          .attempt(async () => {
            const connection = connectionOf(server);
            if (!connection || connection.isClosed()) throw new Error('not connected to NATS');
            await connection.flush();
          })
          .withTimeout(PING_TIMEOUT_MS),
    ];
  }
}

function connectionOf(server: NatsServerLike): NatsConnectionLike | undefined {
  try {
    return server.unwrap<NatsConnectionLike>();
  } catch {
    // Not connected yet: Nest's server has no connection until the first one is made.
    return undefined;
  }
}
