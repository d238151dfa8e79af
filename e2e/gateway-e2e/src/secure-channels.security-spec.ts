import { connect } from 'node:tls';
import { MenuPatterns } from '@pizza/contracts-menu';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { apiClient, NatsServer, selfSignedCertificate, Stack, type SelfSignedCertificate } from '@pizza/testing';
import { firstValueFrom, timeout } from 'rxjs';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'secure-channels-secret-long-enough-0123456789' };

describe('secure channels: HTTPS at the edge, mutual TLS between gateway and services (production mode)', () => {
  let cert: SelfSignedCertificate;
  let stack: Stack;

  beforeAll(async () => {
    cert = selfSignedCertificate();
    stack = await new Stack({
      transport: 'tcp',
      httpsCa: cert.cert,
      env: {
        ...PRODUCTION,
        TLS_CERT_FILE: cert.certFile,
        TLS_KEY_FILE: cert.keyFile,
        TCP_TLS_CERT_FILE: cert.certFile,
        TCP_TLS_KEY_FILE: cert.keyFile,
        TCP_TLS_CA_FILE: cert.certFile,
      },
    }).start();
  });
  afterAll(async () => {
    await stack?.stop();
    cert?.remove();
  });

  it('serves the menu over HTTPS through a TLS hop, with HSTS', async () => {
    const res = await apiClient(() => stack.baseUrl, { ca: cert.cert })('GET', '/v1/menu');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(6);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('does not answer plain HTTP', async () => {
    await expect(fetch(stack.baseUrl.replace('https:', 'http:') + '/v1/menu')).rejects.toThrow();
  });

  it('has no API docs and no demo users in production', async () => {
    const call = apiClient(() => stack.baseUrl, { ca: cert.cert });
    expect((await call('GET', '/docs')).status).toBe(404);
    expect((await call('GET', '/docs-json')).status).toBe(404);
    expect((await call('POST', '/v1/auth/login', { body: { username: 'alice', password: 'alice-pizza' } })).status).toBe(401);
  });

  it("passes each service's container healthcheck: it pings its instance over mutual TLS, with the instance's own certificate", async () => {
    const services = ['menu', 'order', 'kitchen', 'billing'] as const;
    expect(await Promise.all(services.map((s) => stack.healthcheck(s)))).toEqual([0, 0, 0, 0]);
  });

  it('refuses a service client that has no certificate', async () => {
    // Plain TCP: the service speaks TLS only.
    const plain = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: stack.servicePort('menu') } });
    await expect(firstValueFrom(plain.send(MenuPatterns.LIST_PIZZAS, { meta: {}, data: {} }).pipe(timeout(3000)))).rejects.toBeDefined();
    plain.close();
    // TLS without a client certificate: the handshake is refused.
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: stack.servicePort('menu'), ca: cert.cert, servername: 'localhost' }, () => {
        socket.once('data', () => resolve(false));
        socket.write('50#{"pattern":"menu.pizza.list","data":{},"id":"1"}');
      });
      socket.once('error', () => resolve(true));
      socket.once('close', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe('NATS with credentials', () => {
  let nats: NatsServer;
  let stack: Stack;

  beforeAll(async () => {
    nats = await NatsServer.start(['--user', 'pizza', '--pass', 'nats-password-for-tests']);
    stack = await new Stack({ transport: 'nats', natsUrl: nats.url, env: { NATS_USER: 'pizza', NATS_PASSWORD: 'nats-password-for-tests' } }).start();
  });
  afterAll(async () => {
    await stack?.stop();
    await nats?.stop();
  });

  it('runs the stack over a NATS that requires a user and password, and the services pass their healthchecks', async () => {
    const res = await apiClient(() => stack.baseUrl)('GET', '/v1/menu');
    expect(res.status).toBe(200);
    expect(await stack.healthcheck('menu')).toBe(0);
  });
});
