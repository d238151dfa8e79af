import { firstValueFrom } from 'rxjs';
import { ClientProxyFactory, ServerTCP, Transport, type ClientProxy } from '@nestjs/microservices';
import { isPlainRoute, StringRouteServerTCP } from './string-route-servers';

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
});
