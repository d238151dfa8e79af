import { authChallenge } from './auth-challenge';

describe('authChallenge', () => {
  it('challenges a request that sent no bearer token without an error code', () => {
    expect(authChallenge(undefined)).toBe('Bearer realm="pizza-gateway"');
    expect(authChallenge('Basic YWxpY2U6eA==')).toBe('Bearer realm="pizza-gateway"');
  });

  it('tells a refused bearer token it is invalid, whatever the case of the scheme', () => {
    expect(authChallenge('Bearer abc.def.ghi')).toBe('Bearer realm="pizza-gateway", error="invalid_token"');
    expect(authChallenge('bearer abc')).toBe('Bearer realm="pizza-gateway", error="invalid_token"');
  });
});
