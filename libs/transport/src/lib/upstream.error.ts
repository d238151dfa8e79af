import { CommonErrors, isRpcErrorPayload, type RpcErrorPayload } from '@pizza/contracts-common';
import { NotSentError } from './request-once';

/** Nest's reply for an exception no filter coded: { status: 'error', message: 'Internal server error' }. */
function isNestGenericError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && !(err instanceof Error) && (err as { status?: unknown }).status === 'error';
}

/** The codes only a caller's UpstreamError carries (never a service's own failure). */
const RELAYED_CODES: ReadonlySet<string> = new Set(
  [CommonErrors.UPSTREAM_ERROR, CommonErrors.UPSTREAM_UNAVAILABLE, CommonErrors.UPSTREAM_TIMEOUT, CommonErrors.UPSTREAM_CIRCUIT_OPEN, CommonErrors.UPSTREAM_OVERLOADED].map((e) => e.code),
);

/** The code of an answer a service relays: its own call to another service failed. */
export function isRelayedCode(code: unknown): boolean {
  return typeof code === 'string' && RELAYED_CODES.has(code);
}

/** The wait an open breaker behind the service asked for, when that is what it relayed. */
function relayedRetryAfter(payload: RpcErrorPayload): number | undefined {
  if (payload.code !== CommonErrors.UPSTREAM_CIRCUIT_OPEN.code) return undefined;
  const ms = (payload.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

export type UpstreamFailure = 'rejected' | 'timeout' | 'unavailable' | 'bad-response' | 'circuit-open' | 'overloaded';

/**
 * What a caller sees when a call to another service did not return a result.
 * - rejected: the service answered with a coded error (its payload is kept);
 * - timeout: no answer before the deadline;
 * - unavailable: it could not be reached (connection refused, broker down);
 * - bad-response: it answered with something that is not our error shape;
 * - circuit-open: its breaker is open, nothing was sent; `retryAfterMs` says when to try again;
 * - overloaded: this caller already had its most calls waiting on it, nothing was sent (load shedding).
 * A service's answer that relays its own call's failure is `rejected` and `relayed`; when that was
 * an open breaker, `retryAfterMs` is the wait it asked for.
 */
export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    readonly service: string,
    readonly pattern: string,
    readonly payload: RpcErrorPayload,
    override readonly cause?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(`${service} ${pattern}: ${failure} (${payload.code})`);
    this.name = 'UpstreamError';
  }

  static timeout(service: string, pattern: string, ms: number): UpstreamError {
    const e = CommonErrors.UPSTREAM_TIMEOUT;
    return new UpstreamError('timeout', service, pattern, { ...e, message: `${service} did not answer within ${ms} ms` });
  }

  static overloaded(service: string, pattern: string, maxInFlight: number): UpstreamError {
    const e = CommonErrors.UPSTREAM_OVERLOADED;
    return new UpstreamError('overloaded', service, pattern, { ...e, message: `${service} is overloaded (${maxInFlight} calls already waiting on it): this one was not sent` });
  }

  /** Its payload keeps `retryAfterMs` in its details, so a service that relays it (RpcErrorFilter) relays the wait too. */
  static circuitOpen(service: string, pattern: string, retryAfterMs: number): UpstreamError {
    const e = CommonErrors.UPSTREAM_CIRCUIT_OPEN;
    const payload = { ...e, message: `${service} is failing; calls are paused for ${retryAfterMs} ms`, details: { retryAfterMs } };
    return new UpstreamError('circuit-open', service, pattern, payload, undefined, retryAfterMs);
  }

  /** Transport-level failures: worth an outlier mark and, for idempotent calls, a retry. */
  get isTransportFailure(): boolean {
    return this.failure === 'timeout' || this.failure === 'unavailable';
  }

  /**
   * The service answered, relaying what a call of its own to another service got: a timeout, an
   * unreachable or failing service, an open breaker (RpcErrorFilter passes UpstreamErrors on).
   * The service itself is up: this is not a failure of it (breaker, outlier ejection).
   */
  get relayed(): boolean {
    return this.failure === 'rejected' && isRelayedCode(this.payload.code);
  }

  /** Nothing was handled (no connection could be made, or a draining instance refused it): safe to send again, even a command. */
  get notSent(): boolean {
    return this.cause instanceof NotSentError;
  }

  /** The instance refused it because it is shutting down (SERVICE_DRAINING). */
  get drainingRefusal(): boolean {
    const refusal = this.cause instanceof NotSentError ? this.cause.cause : undefined;
    return isRpcErrorPayload(refusal) && refusal.code === CommonErrors.SERVICE_DRAINING.code;
  }

  /** Classifies whatever a client observable errored with. */
  static from(err: unknown, service: string, pattern: string): UpstreamError {
    if (err instanceof UpstreamError) return err;
    if (isRpcErrorPayload(err) && err.code === CommonErrors.SERVICE_DRAINING.code) {
      // Refused before it was handled, by an instance shutting down: another instance may take it.
      const e = CommonErrors.UPSTREAM_UNAVAILABLE;
      return new UpstreamError('unavailable', service, pattern, { ...e, message: `${service} is shutting down` }, new NotSentError(err));
    }
    if (isRpcErrorPayload(err)) return new UpstreamError('rejected', service, pattern, err, undefined, relayedRetryAfter(err));
    if (isNestGenericError(err)) {
      // The service failed in a way its error filter did not code (should not happen, but is not a transport fault).
      const e = CommonErrors.UPSTREAM_ERROR;
      return new UpstreamError('bad-response', service, pattern, { ...e, message: `${service} failed` }, err);
    }
    // Connection refused or reset, broker disconnected, no responders (NotSentError)...: the service was not reached.
    const e = CommonErrors.UPSTREAM_UNAVAILABLE;
    return new UpstreamError('unavailable', service, pattern, { ...e, message: `${service} is unavailable` }, err);
  }
}
