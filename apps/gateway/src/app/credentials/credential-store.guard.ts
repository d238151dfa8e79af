import { DomainError } from '@pizza/contracts-common';
import { AuthErrors } from '@pizza/auth';

/** Credential stores fail closed: when Redis cannot answer, nobody is let in on a guess (503). */
export async function failClosed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError(AuthErrors.CREDENTIAL_STORE_UNAVAILABLE, 'Credentials cannot be checked right now; retry later');
  }
}
