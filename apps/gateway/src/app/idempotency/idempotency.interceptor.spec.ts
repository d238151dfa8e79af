import { Logger, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import { lastValueFrom, of, throwError } from 'rxjs';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import type { Hold, StoredResponse } from './idempotency.store';
import { MemoryIdempotencyStore } from './memory-idempotency.store';

/** A store that holds keys but cannot keep an answer: Redis went away while the request ran. */
class StoreThatLosesAnswers extends MemoryIdempotencyStore {
  override async complete(_hold: Hold, _response: StoredResponse, _ttlMs: number): Promise<void> {
    throw new DomainError(CommonErrors.UPSTREAM_UNAVAILABLE, 'Idempotency keys cannot be checked right now; retry later');
  }
}

/** A store that holds keys but cannot free one: Redis went away while the request ran. */
class StoreThatCannotFree extends MemoryIdempotencyStore {
  override async abandon(_hold: Hold): Promise<void> {
    throw new DomainError(CommonErrors.UPSTREAM_UNAVAILABLE, 'Idempotency keys cannot be checked right now; retry later');
  }
}

function keyedPost(key: string) {
  const request = { headers: { 'idempotency-key': key }, method: 'POST', url: '/v1/orders', routeOptions: { url: '/v1/orders', config: {} }, body: { items: [] }, user: { sub: 'alice' } };
  const reply = { statusCode: 201, header: jest.fn(), status: jest.fn() };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  return { context, reply };
}

describe('IdempotencyInterceptor', () => {
  const config = new ConfigService({ IDEMPOTENCY_TTL_SECONDS: 60, RPC_TIMEOUT_MS: 1000, RPC_TIMEOUTS_MS: [] });
  let store: MemoryIdempotencyStore;
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => store.onModuleDestroy());

  it('answers with what the handler made even when the store cannot keep it: the order exists, a 503 would hide it', async () => {
    store = new StoreThatLosesAnswers();
    const interceptor = new IdempotencyInterceptor(store, config);
    const handler: CallHandler = { handle: () => of({ id: 'o-1' }) };
    await expect(lastValueFrom(interceptor.intercept(keyedPost('k').context, handler))).resolves.toEqual({ id: 'o-1' });
  });

  it("answers with the service's own error even when the store cannot free the key: a declined card is a 402, not a 503", async () => {
    store = new StoreThatCannotFree();
    const interceptor = new IdempotencyInterceptor(store, config);
    const declined = new DomainError({ code: 'PAYMENT.DECLINED', status: 402 }, 'The card was declined');
    await expect(lastValueFrom(interceptor.intercept(keyedPost('k').context, { handle: () => throwError(() => declined) }))).rejects.toBe(declined);
  });

  it('replays a completed answer, and frees the key of a failed one', async () => {
    store = new MemoryIdempotencyStore();
    const interceptor = new IdempotencyInterceptor(store, config);
    await lastValueFrom(interceptor.intercept(keyedPost('ok').context, { handle: () => of({ id: 'o-2' }) }));
    const replay = keyedPost('ok');
    await expect(lastValueFrom(interceptor.intercept(replay.context, { handle: () => of({ id: 'o-other' }) }))).resolves.toEqual({ id: 'o-2' });
    expect(replay.reply.header).toHaveBeenCalledWith('idempotent-replayed', 'true');

    const failure = new DomainError(CommonErrors.UPSTREAM_TIMEOUT, 'order did not answer within 1000 ms');
    await expect(lastValueFrom(interceptor.intercept(keyedPost('failed').context, { handle: () => throwError(() => failure) }))).rejects.toBe(failure);
    await expect(lastValueFrom(interceptor.intercept(keyedPost('failed').context, { handle: () => of({ id: 'o-3' }) }))).resolves.toEqual({ id: 'o-3' });
  });
});
