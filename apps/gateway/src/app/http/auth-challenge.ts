/** One protection space: the whole API. */
export const AUTH_REALM = 'pizza-gateway';

/**
 * The `WWW-Authenticate` of a 401: RFC 9110 (15.5.2) says a 401 MUST carry a challenge, so a
 * client learns how to authenticate; clients and SDKs read it to decide to refresh a token. The
 * API takes bearer tokens (RFC 6750). A request whose bearer token was refused learns
 * `error="invalid_token"` (expired, forged or revoked: RFC 6750 3.1); one that sent none gets the
 * bare challenge (RFC 6750 3: no error code when no credentials were sent).
 */
export function authChallenge(authorization: string | undefined): string {
  const challenge = `Bearer realm="${AUTH_REALM}"`;
  return /^bearer\s/i.test(authorization ?? '') ? `${challenge}, error="invalid_token"` : challenge;
}
