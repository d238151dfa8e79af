import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { longestCallTimeoutMs } from '@pizza/config';
import { DomainError, IDEMPOTENCY_KEY_FORMAT, IdempotencyErrors, keyReused, type IdempotencyMeta, type Principal } from '@pizza/contracts-common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { routeTimeoutOf } from '../http/route-timeouts';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency.store';

const HEADER = 'idempotency-key';
/** Past its calls' deadline, what a request may still take: its reply's way back, the store's write. */
const IN_FLIGHT_MARGIN_MS = 2000;

type KeyedRequest = FastifyRequest & { user?: Principal; idempotency?: IdempotencyMeta };

/** The request's key and fingerprint, once the interceptor has accepted them: they travel in the command's meta. */
export function idempotencyOf(request: FastifyRequest): IdempotencyMeta | undefined {
  return (request as KeyedRequest).idempotency;
}

/** Canonical JSON: the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Keys are scoped per caller and route: one customer's key can never replay
 * another's response. Successful responses are kept for IDEMPOTENCY_TTL_SECONDS
 * and replayed with `Idempotent-Replayed: true`; a failed request created
 * nothing here, so it frees the key and the client may retry with it. A failure can also be a
 * lost reply (a timeout) of a command that took effect: the key and the fingerprint travel with the
 * command (`meta.idempotency`), so the service recognises the retry and answers with what it made.
 * A key is held while its request runs, and no longer than that request's deadline (and a margin):
 * a gateway that dies holding it (a shared store outlives it) does not lock the client's retry out.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;
  /** The longest deadline of a call to a service (RPC_TIMEOUT_MS, RPC_TIMEOUTS_MS), for routes without their own. */
  private readonly longestDeadlineMs: number;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    config: ConfigService,
  ) {
    this.ttlMs = config.getOrThrow<number>('IDEMPOTENCY_TTL_SECONDS') * 1000;
    this.longestDeadlineMs = longestCallTimeoutMs({ RPC_TIMEOUT_MS: config.getOrThrow<number>('RPC_TIMEOUT_MS'), RPC_TIMEOUTS_MS: config.get<string[]>('RPC_TIMEOUTS_MS') });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<KeyedRequest>();
    const header = request.headers[HEADER];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_FORMAT.test(header)) {
      throw new DomainError(IdempotencyErrors.INVALID_KEY, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const route = request.routeOptions.url ?? request.url;
    const key = `${request.user?.sub ?? 'anonymous'}:${request.method}:${route}:${header}`;
    const fingerprint = createHash('sha256').update(canonical({ path: request.url.split('?')[0], body: request.body ?? null })).digest('hex');
    // Read by @Call() when the handler runs, which is after this: Nest resolves parameters inside next.handle().
    request.idempotency = { key: header, fingerprint };
    const inFlightMs = (routeTimeoutOf(request) ?? this.longestDeadlineMs) + IN_FLIGHT_MARGIN_MS;
    return from(this.run(key, fingerprint, inFlightMs, http.getResponse<FastifyReply>(), next));
  }

  private async run(key: string, fingerprint: string, inFlightMs: number, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const begun = await this.store.begin(key, fingerprint, inFlightMs);
    switch (begun.kind) {
      case 'mismatch':
        throw keyReused();
      case 'in-flight':
        throw new DomainError(IdempotencyErrors.IN_PROGRESS, 'A request with this Idempotency-Key is still being processed');
      case 'replay':
        void reply.header('idempotent-replayed', 'true');
        void reply.status(begun.response.status);
        return lastValueFrom(of(begun.response.body));
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      // Nothing was created (a decline charges nothing, a 5xx may be retried): free the key. A store
      // that cannot (Redis went away) must not turn the service's answer into a 503: the hold
      // lapses after its request's deadline on its own.
      await this.store.abandon(begun.hold).catch((e: Error) => this.logger.warn(`an Idempotency-Key was not freed (it lapses in ${inFlightMs} ms): ${e.message}`));
      throw err;
    }
    // The work is done: a store that cannot keep the answer now (Redis went away) must not turn it into a
    // 503. The service keeps the key beside what it made, so a retry still gets this answer's order.
    await this.store.complete(begun.hold, { status: reply.statusCode, body }, this.ttlMs).catch((err: Error) => this.logger.warn(`an Idempotency-Key answer was not kept: ${err.message}`));
    return body;
  }
}
