import { GatewayEnv } from './gateway.env';
import { applyGatewaySecurityPolicy } from './gateway-security.policy';
import { RuntimeEnv } from './runtime.env';
import { serviceAddresses, serviceTimeoutMs, TransportEnv } from './transport.env';
import { InvalidConfigError, validateEnv } from './validate-env';

const gatewayEnv = (raw: Record<string, string>) => validateEnv(raw, RuntimeEnv, TransportEnv, GatewayEnv);

describe('validateEnv', () => {
  it('applies defaults and ignores foreign keys', () => {
    const env = gatewayEnv({ PATH: '/usr/bin' });
    expect(env.TRANSPORT).toBe('tcp');
    expect(env.PORT).toBe(3000);
    expect(env.MENU_SERVICE_PORT).toBe(4001);
    expect(env.CORS_ORIGINS).toEqual([]);
    expect((env as Record<string, unknown>)['PATH']).toBeUndefined();
  });

  it('converts numbers, booleans and lists from strings', () => {
    const env = gatewayEnv({ PORT: '8080', DEMO_USERS: 'false', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_USERS).toBe(false);
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('lists every bad key in one error', () => {
    let error: unknown;
    try {
      gatewayEnv({ TRANSPORT: 'carrier-pigeon', PORT: 'eighty', CORS_ORIGINS: '*' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const message = (error as Error).message;
    expect(message).toContain('TRANSPORT');
    expect(message).toContain('PORT');
    expect(message).toContain('CORS_ORIGINS');
  });

  it('treats an empty variable as unset', () => {
    expect(gatewayEnv({ RPC_TIMEOUT_MS: '' }).RPC_TIMEOUT_MS).toBe(3000);
  });
});

describe('applyGatewaySecurityPolicy', () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  beforeEach(() => (warnings.length = 0));

  it('refuses production without a JWT secret', () => {
    expect(() => applyGatewaySecurityPolicy(gatewayEnv({ NODE_ENV: 'production' }), warn)).toThrow(/JWT_SECRET: required/);
  });

  it('refuses a short or published secret in production', () => {
    expect(() => applyGatewaySecurityPolicy(gatewayEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' }), warn)).toThrow(/at least 32 bytes/);
    expect(() =>
      applyGatewaySecurityPolicy(gatewayEnv({ NODE_ENV: 'production', JWT_SECRET: 'replace-me-with-32-or-more-random-bytes' }), warn),
    ).toThrow(/published example/);
  });

  it('refuses demo users in production and defaults them off there', () => {
    const secret = 'x'.repeat(40);
    expect(() => applyGatewaySecurityPolicy(gatewayEnv({ NODE_ENV: 'production', JWT_SECRET: secret, DEMO_USERS: 'true' }), warn)).toThrow(
      /DEMO_USERS/,
    );
    expect(applyGatewaySecurityPolicy(gatewayEnv({ NODE_ENV: 'production', JWT_SECRET: secret }), warn).DEMO_USERS).toBe(false);
  });

  it('generates a secret in development, with a warning', () => {
    const env = applyGatewaySecurityPolicy(gatewayEnv({}), warn);
    expect(Buffer.byteLength(env.JWT_SECRET)).toBeGreaterThanOrEqual(32);
    expect(env.DEMO_USERS).toBe(true);
    expect(warnings.join()).toMatch(/generated a random one/);
  });
});

describe('transport addresses and deadlines', () => {
  it('lists every TCP instance of a service, or the single default one', () => {
    const env = validateEnv({ ORDER_SERVICE_ADDRS: '127.0.0.1:4002, 127.0.0.1:4012' }, TransportEnv);
    expect(serviceAddresses(env, 'order')).toEqual([
      { host: '127.0.0.1', port: 4002 },
      { host: '127.0.0.1', port: 4012 },
    ]);
    expect(serviceAddresses(env, 'menu')).toEqual([{ host: '127.0.0.1', port: 4001 }]);
  });

  it('refuses an address without a port', () => {
    expect(() => validateEnv({ MENU_SERVICE_ADDRS: 'menu-host' }, TransportEnv)).toThrow(/host:port/);
  });

  it('takes a per-service deadline over the global one', () => {
    const env = validateEnv({ RPC_TIMEOUT_MS: '3000', RPC_TIMEOUTS_MS: 'billing=5000' }, TransportEnv);
    expect(serviceTimeoutMs(env, 'billing')).toBe(5000);
    expect(serviceTimeoutMs(env, 'menu')).toBe(3000);
  });
});
