import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayEnv } from './gateway.env';
import { applyGatewaySecurityPolicy } from './gateway-security.policy';
import { readGatewayHttps } from './gateway-tls.env';
import { transportSecurityProblems, validateServiceEnv } from './transport-security';
import { RuntimeEnv } from './runtime.env';
import { SERVICE_NAMES, serviceAddress, serviceAddresses, serviceTimeoutMs, TransportEnv } from './transport.env';
import { InvalidConfigError, validateEnv } from './validate-env';

const gatewayEnv = (raw: Record<string, string>) => validateEnv(raw, RuntimeEnv, TransportEnv, GatewayEnv);

describe('validateEnv', () => {
  it('applies defaults and ignores foreign keys', () => {
    const env = gatewayEnv({ PATH: '/usr/bin' });
    expect(env.TRANSPORT).toBe('tcp');
    expect(env.PORT).toBe(3000);
    expect(env.MENU_SERVICE_PORT).toBe(4001);
    expect(env.CORS_ORIGINS).toEqual([]);
    expect((env as unknown as Record<string, unknown>)['PATH']).toBeUndefined();
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
      gatewayEnv({ TRANSPORT: 'carrier-pigeon', PORT: 'eighty', CORS_ORIGINS: 'app.example.com' });
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

  it('reads per-route deadlines as METHOD /route=ms, and refuses a bad method, form or bound', () => {
    expect(gatewayEnv({ ROUTE_TIMEOUTS_MS: 'GET /v1/menu/:id=500, POST /v1/orders/:orderId/payment=8000' }).ROUTE_TIMEOUTS_MS).toEqual([
      'GET /v1/menu/:id=500',
      'POST /v1/orders/:orderId/payment=8000',
    ]);
    for (const bad of ['get /v1/menu=500', 'GET v1/menu=500', 'GET /v1/menu', 'GET /v1/menu=49', 'GET /v1/menu=60001', 'TRACE /v1/menu=500']) {
      expect(() => gatewayEnv({ ROUTE_TIMEOUTS_MS: bad })).toThrow(/ROUTE_TIMEOUTS_MS entries are METHOD \/route=milliseconds/);
    }
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
    expect(Buffer.byteLength(env.JWT_SIGN_KEY)).toBeGreaterThanOrEqual(32);
    expect(env.JWT_VERIFY_KEY).toBe(env.JWT_SIGN_KEY);
    expect(env.DEMO_USERS).toBe(true);
    expect(env.API_DOCS).toBe(true);
    expect(warnings.join()).toMatch(/generated a random one/);
  });

  it('turns the API docs off in production unless asked for', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(applyGatewaySecurityPolicy(gatewayEnv(prod), warn).API_DOCS).toBe(false);
    expect(applyGatewaySecurityPolicy(gatewayEnv({ ...prod, API_DOCS: 'true' }), warn).API_DOCS).toBe(true);
  });

  it('requires every dependency for readiness unless READY_REQUIRES names fewer, and refuses an unknown one', () => {
    expect(gatewayEnv({}).READY_REQUIRES).toEqual(['menu', 'order', 'kitchen', 'billing', 'nats', 'redis']);
    expect(gatewayEnv({ READY_REQUIRES: 'menu, order' }).READY_REQUIRES).toEqual(['menu', 'order']);
    expect(() => gatewayEnv({ READY_REQUIRES: 'menu,delivery' })).toThrow(/READY_REQUIRES entries are among menu, order, kitchen, billing, nats, redis/);
  });

  it('refuses CORS "*" with credentials in production', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' };
    expect(() => applyGatewaySecurityPolicy(gatewayEnv(prod), warn)).toThrow(/"\*" cannot be combined with CORS_CREDENTIALS/);
    expect(applyGatewaySecurityPolicy(gatewayEnv({ ...prod, CORS_CREDENTIALS: 'false' }), warn).CORS_ORIGINS).toEqual(['*']);
  });

  describe('RS256 / ES256 key files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-keys-'));
    const write = (name: string, pem: string) => {
      writeFileSync(join(dir, name), pem);
      return join(dir, name);
    };
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsaPriv = write('rsa.key', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const rsaPub = write('rsa.pub', rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const ecPriv = write('ec.key', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('loads a matching key pair, with no JWT secret needed even in production', () => {
      const env = applyGatewaySecurityPolicy(
        gatewayEnv({ NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: rsaPriv, JWT_PUBLIC_KEY_FILE: rsaPub }),
        warn,
      );
      expect(env.JWT_SIGN_KEY).toContain('PRIVATE KEY');
      expect(env.JWT_VERIFY_KEY).toContain('PUBLIC KEY');
    });

    it('refuses a missing file or a key of the wrong type', () => {
      expect(() => applyGatewaySecurityPolicy(gatewayEnv({ JWT_ALGORITHM: 'RS256', JWT_PUBLIC_KEY_FILE: rsaPub }), warn)).toThrow(/JWT_PRIVATE_KEY_FILE: required/);
      expect(() =>
        applyGatewaySecurityPolicy(gatewayEnv({ JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY_FILE: ecPriv, JWT_PUBLIC_KEY_FILE: rsaPub }), warn),
      ).toThrow(/RS256 needs an RSA private key/);
      expect(() =>
        applyGatewaySecurityPolicy(gatewayEnv({ JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY_FILE: join(dir, 'nope'), JWT_PUBLIC_KEY_FILE: rsaPub }), warn),
      ).toThrow(/cannot read/);
    });
  });

  it('refuses half a TLS configuration', () => {
    expect(() => applyGatewaySecurityPolicy(gatewayEnv({ TLS_CERT_FILE: '/tmp/cert.pem' }), warn)).toThrow(/set both, or neither/);
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

  it('has the keys of every service it names: an address, a port, an instance list and a deadline', () => {
    // A service added to SERVICE_NAMES without its fields in TransportEnv fails here, not at its first call.
    for (const name of SERVICE_NAMES) {
      const prefix = name.toUpperCase();
      const env = validateEnv({ [`${prefix}_SERVICE_HOST`]: `${name}-host`, [`${prefix}_SERVICE_PORT`]: '4999', RPC_TIMEOUTS_MS: `${name}=700` }, TransportEnv);
      expect(serviceAddress(env, name)).toEqual({ host: `${name}-host`, port: 4999 });
      expect(serviceTimeoutMs(env, name)).toBe(700);
      const listed = validateEnv({ [`${prefix}_SERVICE_ADDRS`]: `${name}-a:1,${name}-b:2` }, TransportEnv);
      expect(serviceAddresses(listed, name)).toEqual([
        { host: `${name}-a`, port: 1 },
        { host: `${name}-b`, port: 2 },
      ]);
      expect(() => validateEnv({ [`${prefix}_SERVICE_PORT`]: '0' }, TransportEnv)).toThrow(new RegExp(`${prefix}_SERVICE_PORT`));
    }
    expect(() => validateEnv({ RPC_TIMEOUTS_MS: 'delivery=500' }, TransportEnv)).toThrow(/RPC_TIMEOUTS_MS/);
  });

  it('refuses an address without a port, or with a port outside 1 to 65535', () => {
    for (const bad of ['menu-host', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:4001,127.0.0.1:99999']) {
      expect(() => validateEnv({ MENU_SERVICE_ADDRS: bad }, TransportEnv)).toThrow(/host:port \(port 1 to 65535\)/);
    }
    expect(validateEnv({ MENU_SERVICE_ADDRS: 'a:1,b:65535' }, TransportEnv).MENU_SERVICE_ADDRS).toEqual(['a:1', 'b:65535']);
  });

  it('refuses a rate limit of no request, or a window of no time: the route would refuse every caller', () => {
    for (const bad of ['burst=0/1s', 'burst=20/0s', 'burst=20/1s,sustained=0/1m']) expect(() => gatewayEnv({ RATE_LIMITS: bad })).toThrow(/RATE_LIMITS entries/);
    expect(() => gatewayEnv({ RATE_LIMIT_LOGIN: '0/1m' })).toThrow(/RATE_LIMIT_LOGIN is limit\/window, both at least 1/);
    expect(() => gatewayEnv({ RATE_LIMIT_ORDERS: '10/0ms' })).toThrow(/RATE_LIMIT_ORDERS/);
    expect(gatewayEnv({ RATE_LIMITS: 'burst=1/1ms', RATE_LIMIT_LOGIN: '10/1h' })).toMatchObject({ RATE_LIMITS: ['burst=1/1ms'], RATE_LIMIT_LOGIN: '10/1h' });
  });

  it('names an instance by its host name unless INSTANCE_ID says otherwise, as one NATS subject token', () => {
    expect(validateEnv({}, TransportEnv).INSTANCE_ID).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(validateEnv({ INSTANCE_ID: 'order-2' }, TransportEnv).INSTANCE_ID).toBe('order-2');
    for (const bad of ['order.2', 'order>', 'a b', 'x'.repeat(65)]) {
      expect(() => validateEnv({ INSTANCE_ID: bad }, TransportEnv)).toThrow(/INSTANCE_ID is 1 to 64 letters, digits, - or _/);
    }
  });

  it('takes a per-service deadline over the global one', () => {
    const env = validateEnv({ RPC_TIMEOUT_MS: '3000', RPC_TIMEOUTS_MS: 'billing=5000' }, TransportEnv);
    expect(serviceTimeoutMs(env, 'billing')).toBe(5000);
    expect(serviceTimeoutMs(env, 'menu')).toBe(3000);
  });

  it('refuses a per-service deadline outside the range of RPC_TIMEOUT_MS (50 to 60000 ms)', () => {
    for (const entry of ['billing=10', 'billing=999999', 'billing=60001']) {
      expect(() => validateEnv({ RPC_TIMEOUTS_MS: entry }, TransportEnv)).toThrow(/RPC_TIMEOUTS_MS entries are service=milliseconds \(50 to 60000\)/);
    }
    expect(serviceTimeoutMs(validateEnv({ RPC_TIMEOUTS_MS: 'menu=50,billing=60000' }, TransportEnv), 'billing')).toBe(60000);
  });
});

describe('transport security rules', () => {
  it('refuses half-set pairs and unreadable files, naming each key', () => {
    const env = validateEnv({ NATS_USER: 'pizza', TCP_TLS_CERT_FILE: '/nonexistent/cert.pem' }, TransportEnv);
    const problems = transportSecurityProblems(env);
    expect(problems).toEqual(
      expect.arrayContaining([
        'NATS_USER and NATS_PASSWORD: set both, or neither',
        'TCP_TLS_CERT_FILE, TCP_TLS_KEY_FILE and TCP_TLS_CA_FILE: set all three, or none',
        expect.stringMatching(/^TCP_TLS_CERT_FILE: cannot read \/nonexistent\/cert.pem/),
      ]),
    );
    expect(() => validateServiceEnv({ NATS_TOKEN: 't', NATS_USER: 'u', NATS_PASSWORD: 'p' })).toThrow(/use one way to authenticate/);
    expect(validateServiceEnv({}).TRANSPORT).toBe('tcp');
  });

  it('keeps services\' data in memory unless DATA_REDIS_URL names a Redis, and refuses anything else there', () => {
    expect(validateServiceEnv({}).DATA_REDIS_URL).toBeUndefined();
    expect(validateServiceEnv({ DATA_REDIS_URL: '' }).DATA_REDIS_URL).toBeUndefined();
    expect(validateServiceEnv({ DATA_REDIS_URL: 'rediss://cache:6380' })).toMatchObject({ DATA_REDIS_URL: 'rediss://cache:6380', DATA_REDIS_TIMEOUT_MS: 1000 });
    expect(() => validateServiceEnv({ DATA_REDIS_URL: 'postgres://db/orders' })).toThrow(/DATA_REDIS_URL must be redis:\/\/host:port/);
    expect(() => validateServiceEnv({ DATA_REDIS_URL: 'redis://r:6379', DATA_REDIS_TIMEOUT_MS: '0' })).toThrow(/DATA_REDIS_TIMEOUT_MS/);
  });

  it('gives services metrics only when METRICS_PORT is set, on loopback by default', () => {
    expect(validateServiceEnv({}).METRICS_PORT).toBeUndefined();
    expect(validateServiceEnv({ METRICS_PORT: '' }).METRICS_PORT).toBeUndefined();
    expect(validateServiceEnv({ METRICS_PORT: '9465' })).toMatchObject({ METRICS_PORT: 9465, METRICS_HOST: '127.0.0.1' });
    expect(() => validateServiceEnv({ METRICS_PORT: 'prometheus' })).toThrow(/METRICS_PORT/);
  });

  it('reads the HTTPS listener files only when both are set', () => {
    expect(readGatewayHttps({})).toBeNull();
    expect(readGatewayHttps({ TLS_CERT_FILE: '/nonexistent/cert.pem' })).toBeNull();
    expect(() => readGatewayHttps({ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' })).toThrow(/TLS_CERT_FILE: cannot read/);
  });
});
