import { Logger } from '@nestjs/common';
import { connect, type Socket } from 'node:net';
import { firstValueFrom, timeout } from 'rxjs';
import { ClientProxyFactory, ServerTCP, Transport, type ClientProxy } from '@nestjs/microservices';
import { startNats, waitFor, type NatsHandle } from '@pizza/testing';
import { isPlainRoute, StringRouteServerNats, StringRouteServerTCP } from './string-route-servers';
import { instanceSubject } from './transport-options';

type Routing = { getRouteFromPattern(pattern: string): string };
const routeOf = (server: ServerTCP, pattern: string) => (server as unknown as Routing).getRouteFromPattern(pattern);

describe('StringRouteServerTCP', () => {
  it('finds the same route as Nest for every kind of pattern', () => {
    const nest = new ServerTCP({});
    const ours = new StringRouteServerTCP({});
    const patterns = ['menu.pizza.get', 'Order.Create', 'nats.x', 'trueish', 'true', 'false', 'null', '42', '-1', '"quoted"', '{"cmd":"sum","b":1}', ' {"a":1}', '', '[1]', '.dot'];
    for (const p of patterns) expect([p, routeOf(ours, p)]).toEqual([p, routeOf(nest, p)]);
  });

  it('takes its shortcut only for strings that cannot be JSON text', () => {
    expect(isPlainRoute('menu.pizza.get')).toBe(true);
    expect(isPlainRoute('null')).toBe(false);
    expect(isPlainRoute('{"cmd":"x"}')).toBe(false);
    expect(isPlainRoute('7up')).toBe(false);
  });

  describe('over a real socket', () => {
    let server: StringRouteServerTCP;
    let client: ClientProxy;

    beforeAll(async () => {
      server = new StringRouteServerTCP({ host: '127.0.0.1', port: 0 });
      server.addHandler('menu.pizza.get', async (data: { id: string }) => ({ id: data.id }));
      server.addHandler({ cmd: 'sum' }, async (data: number[]) => data.reduce((a, b) => a + b, 0));
      await new Promise<void>((resolve, reject) => server.listen((err?: unknown) => (err ? reject(err) : resolve())));
      const port = (server.unwrap<import('node:net').Server>().address() as { port: number }).port;
      client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
    });
    afterAll(async () => {
      await client?.close();
      await server?.close();
    });

    it('answers string and object patterns, and refuses an unknown one', async () => {
      expect(await firstValueFrom(client.send('menu.pizza.get', { id: 'marinara' }))).toEqual({ id: 'marinara' });
      expect(await firstValueFrom(client.send({ cmd: 'sum' }, [1, 2, 3]))).toBe(6);
      await expect(firstValueFrom(client.send('menu.pizza.nope', {}))).rejects.toMatch(/no matching message handler/i);
    });
  });

  describe("a caller's connection that fails", () => {
    let server: StringRouteServerTCP;
    let port: number;
    const logged: Array<{ level: string; message: string }> = [];
    const record = (level: string) => (message: unknown) => void logged.push({ level, message: String((message as Error)?.message ?? message) });

    beforeAll(async () => {
      Logger.overrideLogger({ log: record('log'), warn: record('warn'), error: record('error'), debug: record('debug'), verbose: record('verbose') });
      server = new StringRouteServerTCP({ host: '127.0.0.1', port: 0 });
      server.addHandler('menu.pizza.get', async (data: { id: string }) => ({ id: data.id }));
      await new Promise<void>((resolve, reject) => server.listen((err?: unknown) => (err ? reject(err) : resolve())));
      port = (server.unwrap<import('node:net').Server>().address() as { port: number }).port;
    });
    afterAll(async () => {
      await server?.close();
      Logger.overrideLogger(false);
    });
    beforeEach(() => (logged.length = 0));

    /** A raw connection that writes `bytes`, then ends as `how` says. */
    async function caller(bytes: string, how: (socket: Socket) => void): Promise<void> {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(bytes);
      how(socket);
      await new Promise((resolve) => socket.once('close', resolve));
    }
    const packet = (body: object) => `${JSON.stringify(body).length}#${JSON.stringify(body)}`;

    it('logs a reset connection (a caller that restarted with calls out) as lost, naming it: not as an invalid message', async () => {
      await caller(packet({ pattern: 'menu.pizza.get', data: { id: 'x' }, id: '1' }), (socket) => socket.resetAndDestroy());
      await waitFor(() => logged.some((l) => l.level !== 'debug' && /ECONNRESET|EPIPE/.test(l.message)), { timeoutMs: 2000, what: 'the reset to be logged' });
      expect(logged.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([]);
      expect(logged.find((l) => /ECONNRESET|EPIPE/.test(l.message))).toMatchObject({ level: 'warn', message: expect.stringMatching(/connection from 127\.0\.0\.1:\d+ was lost/) });
    });

    it('logs data that is not a message as an error that says what was wrong, and closes the connection', async () => {
      await caller('11#{"not json"', () => undefined);
      const errors = logged.filter((l) => l.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/127\.0\.0\.1:\d+ sent what is not a message/);
      expect(errors[0].message).not.toMatch(/The invalid received message/);
    });
  });
});

describe('StringRouteServerNats, two instances of one service on a real nats-server', () => {
  let nats: NatsHandle;
  const servers: StringRouteServerNats[] = [];
  let client: ClientProxy;

  /** One instance: in the queue group, and answering its ping on its own subject too. */
  async function instance(id: string): Promise<StringRouteServerNats> {
    const server = new StringRouteServerNats({ servers: nats.url, queue: 'order-service' }, undefined, { pattern: 'order.health.ping', subject: instanceSubject('order.health.ping', id) });
    server.addHandler('order.health.ping', async () => ({ instance: id }));
    await new Promise<void>((resolve, reject) => server.listen((err?: unknown) => (err ? reject(err) : resolve())));
    servers.push(server);
    return server;
  }
  const ping = (subject: string) => firstValueFrom(client.send<{ instance: string }>(subject, {}).pipe(timeout(2000)));

  beforeAll(async () => {
    nats = await startNats();
    await instance('order-a');
    await instance('order-b');
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: nats.url } });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await Promise.all(servers.map((s) => s.close()));
    await nats?.stop();
  });

  it("answers a ping on an instance's own subject from that instance only; the queue group's from either", async () => {
    const own = await Promise.all([...Array(10)].map(() => ping(instanceSubject('order.health.ping', 'order-b'))));
    expect(new Set(own.map((r) => r.instance))).toEqual(new Set(['order-b']));
    const shared = await Promise.all([...Array(40)].map(() => ping('order.health.ping')));
    expect(new Set(shared.map((r) => r.instance))).toEqual(new Set(['order-a', 'order-b']));
  });

  it('has no one answer for an instance that is gone: its healthcheck fails rather than pass on another', async () => {
    await servers[1].close();
    await expect(ping(instanceSubject('order.health.ping', 'order-b'))).rejects.toBeDefined();
    expect(await ping('order.health.ping')).toEqual({ instance: 'order-a' });
  });
});

