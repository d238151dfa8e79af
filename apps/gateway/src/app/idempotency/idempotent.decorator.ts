import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IdempotencyErrors } from '@pizza/contracts-common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * This POST honours the Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header):
 * same key and body -> the first response replayed; same key, other body -> 422;
 * while the first is still running -> 409. The OpenAPI document says so.
 * The interceptor is bound here, to these routes only: a route with no interceptor
 * at all skips Nest's rxjs interceptor chain.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the same key with the same body gets the first response again (Idempotent-Replayed: true), also after a lost reply (a 504). 1 to 255 visible ASCII characters, scoped to the caller.',
    }),
    ApiResponse({ status: IdempotencyErrors.IN_PROGRESS.status, description: `${IdempotencyErrors.IN_PROGRESS.code}: a request with this key is still running` }),
    ApiResponse({ status: IdempotencyErrors.KEY_REUSED.status, description: `${IdempotencyErrors.KEY_REUSED.code}: this key was used with another request` }),
  );
