import { IsString, Matches } from 'class-validator';
import { DomainError } from './domain.error';
import type { ErrorDescriptor } from './error-descriptor';

/** draft-ietf-httpapi-idempotency-key-header: the errors of a keyed request, the same at the gateway and in a service. */
export const IdempotencyErrors = {
  INVALID_KEY: { code: 'IDEMPOTENCY.INVALID_KEY', status: 400 },
  IN_PROGRESS: { code: 'IDEMPOTENCY.IN_PROGRESS', status: 409 },
  KEY_REUSED: { code: 'IDEMPOTENCY.KEY_REUSED', status: 422 },
} as const satisfies Record<string, ErrorDescriptor>;

/** 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * A client's Idempotency-Key, forwarded in `meta` with the command it came with. The gateway's
 * own record cannot tell whether a command whose reply was lost (a timeout) took effect, so it
 * frees the key and the client's retry reaches the service: the service that makes the change
 * recognises the key there and answers with what the first request made. `fingerprint` names the
 * request (the gateway's hash of its path and body): the same key with another one is KEY_REUSED.
 */
export class IdempotencyMeta {
  @IsString()
  @Matches(IDEMPOTENCY_KEY_FORMAT)
  key!: string;

  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  fingerprint!: string;
}

/** The same key with another request: the first request's result stays the key's. */
export function keyReused(): DomainError {
  return new DomainError(IdempotencyErrors.KEY_REUSED, 'This Idempotency-Key was used with a different request');
}
