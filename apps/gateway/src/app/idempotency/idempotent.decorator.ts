import { UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * This POST honours the Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header):
 * same key and body -> the first response replayed; same key, other body -> 422;
 * while the first is still running -> 409.
 * The interceptor is bound here, to these routes only: a route with no interceptor
 * at all skips Nest's rxjs interceptor chain.
 */
export const Idempotent = (): MethodDecorator => UseInterceptors(IdempotencyInterceptor);
