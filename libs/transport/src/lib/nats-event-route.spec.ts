import type { ClientProxy } from '@nestjs/microservices';
import { NatsEventRoute, receiverSubject } from './nats-event-route';
import { NotSentError } from './request-once';
import { UpstreamError } from './upstream.error';

type Reply = { err?: unknown; response?: unknown; isDisposed?: boolean };

/** The callback half of a Nest client (what requestOnce drives): records each packet, answered by `answer`. */
function fakeProxy(answer: (packet: { pattern: string; data: unknown }, reply: (r: Reply) => void) => void) {
  const sent: Array<{ pattern: string; data: unknown }> = [];
  const proxy = {
    connect: async () => undefined,
    createPacket: (pattern: string, data: unknown) => ({ pattern, data }),
    publish: (packet: { pattern: string; data: unknown }, callback: (r: Reply) => void) => {
      sent.push(packet);
      answer(packet, callback);
      return () => undefined;
    },
  };
  return { proxy: proxy as unknown as ClientProxy, sent };
}

describe('NatsEventRoute', () => {
  it("sends the event to the receiver's own subject, without the caller's budget, and resolves on its acknowledgement", async () => {
    const { proxy, sent } = fakeProxy((_p, reply) => reply({ response: undefined }));
    const route = new NatsEventRoute('kitchen', proxy, 1000);
    await expect(route.emit('payment.succeeded', { orderId: 'o1' }, { requestId: 'r1', budgetMs: 900 })).resolves.toBeUndefined();
    expect(sent).toEqual([{ pattern: 'events.kitchen.payment.succeeded', data: { meta: { requestId: 'r1' }, data: { orderId: 'o1' } } }]);
    expect(receiverSubject('billing', 'order.cancelled')).toBe('events.billing.order.cancelled');
  });

  it('says "not sent" when no instance of the receiver is subscribed (no responders), so the publisher keeps the event', async () => {
    const { proxy } = fakeProxy((_p, reply) => reply({ err: new NotSentError(new Error('no responders on events.kitchen.payment.succeeded')) }));
    const err = await new NatsEventRoute('kitchen', proxy, 1000).emit('payment.succeeded', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).notSent).toBe(true);
    expect((err as UpstreamError).service).toBe('kitchen');
  });

  it('does not call an unacknowledged event "not sent": it may have been handled, and is never sent twice', async () => {
    jest.useFakeTimers();
    try {
      const { proxy } = fakeProxy(() => undefined);
      const emitting = new NatsEventRoute('kitchen', proxy, 500).emit('payment.succeeded', {}).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(500);
      const err = (await emitting) as UpstreamError;
      expect(err.failure).toBe('timeout');
      expect(err.notSent).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
