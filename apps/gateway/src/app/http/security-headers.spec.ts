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

  it('gives JSON responses the OWASP REST set, and the docs UI a document policy', () => {
    const { api, docs } = gatewaySecurityHeaders({ tls: false, production: false });
    expect(api).toEqual({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(docs['content-security-policy']).toContain("script-src 'self'");
    expect(docs['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('sends HSTS only in production over TLS', () => {
    expect(gatewaySecurityHeaders({ tls: true, production: true }).api['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(gatewaySecurityHeaders({ tls: true, production: true }).docs['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(gatewaySecurityHeaders({ tls: true, production: false }).api['strict-transport-security']).toBeUndefined();
    expect(gatewaySecurityHeaders({ tls: false, production: true }).api['strict-transport-security']).toBeUndefined();
  });
});
