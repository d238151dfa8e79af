import type { WatchedClients } from '@pizza/metrics';
import type { UpstreamFailure } from './upstream.error';

/** How a call ended: with a result, or why not; `relayed`: the service answered with a failure of a service behind it. */
export type RpcOutcome = 'ok' | UpstreamFailure | 'relayed';

/**
 * Watches the calls of every client of a process (its metrics: RpcClientMetrics,
 * in the gateway and in every service). Called
 * synchronously on the request path: implementations must be cheap and must not throw.
 */
export interface RpcObserver {
  /** A call ended, retries included: its outcome and how long the caller waited, in seconds. */
  called(service: string, pattern: string, outcome: RpcOutcome, seconds: number): void;
  /** An idempotent call is sent once more (a retry, within the budget). */
  retried(service: string, pattern: string): void;
  /** Once, from the registry: its clients by service name, to read breakers and instances from. */
  watchClients(clients: WatchedClients): void;
}

/** Provide an RpcObserver under this token and RpcClientsModule hands it to every client. */
export const RPC_OBSERVER = Symbol('RPC_OBSERVER');
