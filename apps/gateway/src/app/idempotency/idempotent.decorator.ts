import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT = 'http:idempotent';

/**
 * This POST honours the Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header):
 * same key and body -> the first response replayed; same key, other body -> 422;
 * while the first is still running -> 409.
 */
export const Idempotent = (): MethodDecorator => SetMetadata(IDEMPOTENT, true);
