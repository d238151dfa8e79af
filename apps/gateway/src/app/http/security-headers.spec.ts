import { gatewaySecurityHeaders, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("is helmet's header set for the options, computed once", () => {
    const headers = securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } }, hsts: false });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS when asked to', () => {
    expect(securityHeaders({ hsts: { maxAge: 31_536_000, includeSubDomains: true } })['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('gives the gateway HSTS only in production over TLS', () => {
    expect(gatewaySecurityHeaders({ tls: true, production: true })['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(gatewaySecurityHeaders({ tls: true, production: false })['strict-transport-security']).toBeUndefined();
    expect(gatewaySecurityHeaders({ tls: false, production: true })['strict-transport-security']).toBeUndefined();
    expect(gatewaySecurityHeaders({ tls: false, production: false })['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
