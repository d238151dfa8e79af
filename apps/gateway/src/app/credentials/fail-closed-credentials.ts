import { AuthErrors } from '@pizza/auth';
import { failClosed } from '@pizza/redis';

/** Credential stores fail closed: when Redis cannot answer, nobody is let in on a guess (503). */
export const failClosedCredentials = <T>(call: () => Promise<T>): Promise<T> =>
  failClosed(call, AuthErrors.CREDENTIAL_STORE_UNAVAILABLE, 'Credentials cannot be checked right now; retry later');
