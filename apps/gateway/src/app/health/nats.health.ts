import { Injectable } from '@nestjs/common';
import type { ServerNats } from '@nestjs/microservices';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { natsConnectionOf } from '@pizza/transport';
import { PING_TIMEOUT_MS } from './ping-timeout';

/**
 * Readiness of the gateway's own NATS link (TRANSPORT=nats): the connection that
 * carries the events meant for every gateway (menu.updated, which evicts the response
 * cache) answers a PING within a second. Down until its first connection (a gateway
 * that boots before NATS serves /health/live, and is not ready) and while it
 * reconnects. The service pings show the RPC side.
 */
@Injectable()
export class NatsHealth {
  private server?: Pick<ServerNats, 'unwrap'>;

  constructor(private readonly indicator: HealthIndicatorService) {}

  /** The events server (TRANSPORT=nats); with none watched there is nothing to check. */
  watch(server: Pick<ServerNats, 'unwrap'>): void {
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
            const connection = natsConnectionOf(server);
            if (!connection || connection.isClosed()) throw new Error('not connected to NATS');
            await connection.flush();
          })
          .withTimeout(PING_TIMEOUT_MS),
    ];
  }
}
