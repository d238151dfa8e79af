import type { ClientProxy } from '@nestjs/microservices';
import type { Envelope, EventMap, MessageMeta, PatternMap } from '@pizza/contracts-common';
import { catchError, firstValueFrom, lastValueFrom, throwError, timeout } from 'rxjs';
import { UpstreamError } from './upstream.error';

export interface SendOptions {
  meta?: MessageMeta;
  /** Overrides the client's default deadline for this call. */
  timeoutMs?: number;
}

/**
 * A typed client of one service: the pattern decides the request and response
 * types, every call has a deadline, and every failure is an UpstreamError.
 */
export class RpcClient<TMap extends PatternMap<TMap> = PatternMap> {
  constructor(
    private readonly proxy: ClientProxy,
    readonly service: string,
    readonly defaultTimeoutMs: number,
  ) {}

  send<K extends keyof TMap & string>(pattern: K, data: TMap[K]['request'], options: SendOptions = {}): Promise<TMap[K]['response']> {
    const ms = options.timeoutMs ?? this.defaultTimeoutMs;
    const envelope: Envelope<TMap[K]['request']> = { meta: options.meta ?? {}, data };
    return firstValueFrom(
      this.proxy.send<TMap[K]['response']>(pattern, envelope).pipe(
        timeout({ first: ms, with: () => throwError(() => UpstreamError.timeout(this.service, pattern, ms)) }),
        catchError((err: unknown) => throwError(() => UpstreamError.from(err, this.service, pattern))),
      ),
    );
  }

  /** Fire-and-forget delivery of an event to this service (TCP) or the broker (NATS). */
  emit<TEvents extends EventMap, K extends keyof TEvents & string>(pattern: K, event: TEvents[K], meta: MessageMeta = {}): Promise<void> {
    const envelope: Envelope<TEvents[K]> = { meta, data: event };
    return lastValueFrom(
      this.proxy.emit(pattern, envelope).pipe(
        timeout({ first: this.defaultTimeoutMs, with: () => throwError(() => UpstreamError.timeout(this.service, pattern, this.defaultTimeoutMs)) }),
        catchError((err: unknown) => throwError(() => UpstreamError.from(err, this.service, pattern))),
      ),
      { defaultValue: undefined },
    ).then(() => undefined);
  }

  close(): Promise<void> {
    return Promise.resolve(this.proxy.close()).then(() => undefined);
  }
}
