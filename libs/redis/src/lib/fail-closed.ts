import { DomainError, type ErrorDescriptor } from '@pizza/contracts-common';

/**
 * For state that must not be guessed (credentials, idempotency keys): when Redis
 * fails or misses its deadline, the request is refused with `error` (a 503) rather
 * than let through. Domain errors raised by the call itself pass unchanged.
 */
export async function failClosed<T>(call: () => Promise<T>, error: ErrorDescriptor, message: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError(error, message);
  }
}
