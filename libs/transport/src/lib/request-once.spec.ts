import type { ClientProxy } from '@nestjs/microservices';
import { requestOnce } from './request-once';

type Reply = { err?: unknown; response?: unknown; isDisposed?: boolean };

/** A client whose replies the test drives: what a Nest transport hands to publish's callback. */
function fakeClient(connect: () => Promise<unknown> = () => Promise.resolve()) {
  const state = { callback: undefined as ((r: Reply) => void) | undefined, released: 0, packets: [] as unknown[] };
  const client = {
    connect,
    createPacket: (pattern: string, data: unknown) => ({ pattern, data }),
    publish: (packet: unknown, callback: (r: Reply) => void) => {
      state.packets.push(packet);
      state.callback = callback;
      return () => state.released++;
    },
  };
  return { proxy: client as unknown as ClientProxy, state };
}

const published = async (state: { callback?: unknown }) => {
  const deadline = Date.now() + 1000;
  while (!state.callback && Date.now() < deadline) await new Promise((r) => setImmediate(r));
};

describe('requestOnce', () => {
  const timeoutError = () => new Error('deadline');

  it('sends the packet and resolves with the first reply, releasing the route', async () => {
    const { proxy, state } = fakeClient();
    const result = requestOnce(proxy, 'menu.pizza.get', { id: 'margherita' }, 1000, timeoutError);
    await published(state);
    state.callback?.({ response: { id: 'margherita' }, isDisposed: true });
    await expect(result).resolves.toEqual({ id: 'margherita' });
    expect(state.packets).toEqual([{ pattern: 'menu.pizza.get', data: { id: 'margherita' } }]);
    expect(state.released).toBe(1);
  });

  it('rejects with the error the service answered', async () => {
    const { proxy, state } = fakeClient();
    const result = requestOnce(proxy, 'p', {}, 1000, timeoutError);
    await published(state);
    state.callback?.({ err: { code: 'MENU.PIZZA_NOT_FOUND', status: 404 }, isDisposed: true });
    await expect(result).rejects.toEqual({ code: 'MENU.PIZZA_NOT_FOUND', status: 404 });
  });

  it('rejects at the deadline when no reply comes, and releases the route', async () => {
    const { proxy, state } = fakeClient();
    await expect(requestOnce(proxy, 'p', {}, 20, timeoutError)).rejects.toThrow('deadline');
    expect(state.released).toBe(1);
  });

  it('counts a connect that never finishes against the deadline', async () => {
    const { proxy, state } = fakeClient(() => new Promise(() => undefined));
    await expect(requestOnce(proxy, 'p', {}, 20, timeoutError)).rejects.toThrow('deadline');
    expect(state.packets).toEqual([]);
  });

  it('rejects when the connection is refused', async () => {
    const { proxy } = fakeClient(() => Promise.reject(new Error('ECONNREFUSED')));
    await expect(requestOnce(proxy, 'p', {}, 1000, timeoutError)).rejects.toThrow('ECONNREFUSED');
  });

  it('rejects when the service completes without a reply', async () => {
    const { proxy, state } = fakeClient();
    const result = requestOnce(proxy, 'p', {}, 1000, timeoutError);
    await published(state);
    state.callback?.({ isDisposed: true });
    await expect(result).rejects.toThrow('without a reply');
  });
});
