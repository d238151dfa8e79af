import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { firstValueFrom, timeout } from 'rxjs';
import { MuxedClientNats } from './muxed-client-nats';
import { NotSentError } from './request-once';
import { UpstreamError } from './upstream.error';

type Callback = (err: Error | null, msg: FakeMsg) => void;
interface FakeMsg {
  subject: string;
  data: Uint8Array;
  headers?: { code: number };
  json(): unknown;
}

/** A NATS connection in memory: what it subscribed to and published; replies are delivered by hand, as nats.js delivers them. */
class FakeConnection {
  readonly subscriptions = new Map<string, Callback>();
  readonly published: Array<{ subject: string; request: { id: string; data: unknown }; reply: string }> = [];

  subscribe(subject: string, { callback }: { callback: Callback }) {
    this.subscriptions.set(subject, callback);
    return { unsubscribe: () => this.subscriptions.delete(subject) };
  }

  publish(subject: string, data: string, { reply }: { reply: string }) {
    this.published.push({ subject, request: JSON.parse(data), reply });
  }

  /** A reply on `subject`, to whichever subscription matches it (`a.b.*` matches `a.b.c`); false if none did. */
  deliver(subject: string, body?: unknown, err: Error | null = null, headers?: { code: number }): boolean {
    const data = new TextEncoder().encode(body === undefined ? '' : JSON.stringify(body));
    const msg: FakeMsg = { subject, data, ...(headers ? { headers } : {}), json: () => JSON.parse(new TextDecoder().decode(data)) };
    for (const [pattern, callback] of this.subscriptions) {
      if (pattern === subject || (pattern.endsWith('.*') && subject.startsWith(pattern.slice(0, -1)) && !subject.slice(pattern.length - 1).includes('.'))) {
        callback(err, msg);
        return true;
      }
    }
    return false;
  }

  answer(i: number, response: unknown) {
    const { request, reply } = this.published[i];
    return this.deliver(reply, { id: request.id, response, isDisposed: true });
  }

  /** Never ends: the connection stays up. */
  status() {
    return { [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }) };
  }

  async close() {
    this.subscriptions.clear();
  }
}

/** The client over fake connections: each connect after a close gets a new one. */
class TestClient extends MuxedClientNats {
  readonly connections: FakeConnection[] = [];
  override async createClient(): Promise<Record<string, unknown>> {
    const connection = new FakeConnection();
    this.connections.push(connection);
    return connection as unknown as Record<string, unknown>;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
/** Requests the client still holds a handler for: none once each is answered or given up. */
const waiting = (client: TestClient) => ({ routed: client['routingMap'].size, muxed: client['mux']?.handlers.size ?? 0 });

describe('MuxedClientNats', () => {
  let client: TestClient;
  beforeEach(async () => {
    client = new TestClient({});
    await client.connect();
  });
  afterEach(() => client.close());

  const send = (id: string) => firstValueFrom(client.send('menu.pizza.get', { id }));

  it('gets every reply to its own request through one subscription', async () => {
    const replies = ['margherita', 'marinara', 'diavola'].map(send);
    await settle();
    const [connection] = client.connections;
    expect(connection.subscriptions.size).toBe(1);
    expect(connection.published.map((p) => p.subject)).toEqual(['menu.pizza.get', 'menu.pizza.get', 'menu.pizza.get']);
    // Answered out of order, each reply finds its request.
    for (const i of [2, 0, 1]) connection.answer(i, { name: (connection.published[i].request.data as { id: string }).id });
    expect(await Promise.all(replies)).toEqual([{ name: 'margherita' }, { name: 'marinara' }, { name: 'diavola' }]);
    expect(connection.subscriptions.size).toBe(1);
  });

  it('forgets a request once answered: a late duplicate reply finds nothing', async () => {
    const reply = send('margherita');
    await settle();
    const [connection] = client.connections;
    connection.answer(0, { name: 'margherita' });
    expect(await reply).toEqual({ name: 'margherita' });
    expect(waiting(client)).toEqual({ routed: 0, muxed: 0 });
    const { request, reply: subject } = connection.published[0];
    // The subscription is still there, so the message is delivered: to no one.
    expect(connection.deliver(subject, { id: request.id, response: { name: 'again' }, isDisposed: true })).toBe(true);
  });

  it('forgets a request its caller gave up on: a reply after the timeout is dropped', async () => {
    const reply = firstValueFrom(client.send('menu.pizza.get', { id: 'margherita' }).pipe(timeout(10)));
    await expect(reply).rejects.toThrow('Timeout has occurred');
    expect(waiting(client)).toEqual({ routed: 0, muxed: 0 });
    const [connection] = client.connections;
    connection.answer(0, { name: 'too late' });
    const next = send('marinara');
    await settle();
    connection.answer(1, { name: 'marinara' });
    expect(await next).toEqual({ name: 'marinara' });
  });

  it('passes a service\'s errors, and an empty reply, through as Nest does', async () => {
    const refused = send('nope');
    const empty = send('margherita');
    await settle();
    const [connection] = client.connections;
    const { request, reply } = connection.published[0];
    connection.deliver(reply, { id: request.id, err: { code: 'MENU.PIZZA_NOT_FOUND', status: 404 }, isDisposed: true });
    await expect(refused).rejects.toEqual({ code: 'MENU.PIZZA_NOT_FOUND', status: 404 });
    connection.deliver(connection.published[1].reply);
    await expect(empty).rejects.toBeInstanceOf(EmptyResponseException);
    expect(waiting(client)).toEqual({ routed: 0, muxed: 0 });
  });

  it('fails a request no instance was subscribed to ("no responders") as not sent, so a command may go again', async () => {
    const unheard = send('margherita');
    await settle();
    const [connection] = client.connections;
    // nats-server's "no responders": an empty message with status 503 on the reply subject.
    connection.deliver(connection.published[0].reply, undefined, null, { code: 503 });
    const err = await unheard.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotSentError);
    expect(UpstreamError.from(err, 'menu', 'menu.pizza.get')).toMatchObject({ failure: 'unavailable', notSent: true });
    expect(waiting(client)).toEqual({ routed: 0, muxed: 0 });
  });

  it('fails what waits when the subscription fails, and subscribes again on the next call', async () => {
    const waiting = send('margherita');
    await settle();
    const [connection] = client.connections;
    const [pattern] = connection.subscriptions.keys();
    connection.subscriptions.get(pattern)?.(new Error('Permissions Violation for Subscription'), { subject: pattern } as FakeMsg);
    await expect(waiting).rejects.toThrow('Permissions Violation');
    const next = send('marinara');
    await settle();
    expect(connection.subscriptions.size).toBe(2);
    connection.answer(1, { name: 'marinara' });
    expect(await next).toEqual({ name: 'marinara' });
  });

  it('subscribes anew on a new connection after a close', async () => {
    await client.close();
    await client.connect();
    const reply = send('margherita');
    await settle();
    expect(client.connections).toHaveLength(2);
    const connection = client.connections[1];
    expect(connection.subscriptions.size).toBe(1);
    connection.answer(0, { name: 'margherita' });
    expect(await reply).toEqual({ name: 'margherita' });
  });
});
