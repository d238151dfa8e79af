import { PaymentStatus } from '@pizza/contracts-billing';
import type { Principal } from '@pizza/contracts-common';
import { OrderStatus, type OrderDto, type OrderPatternMap } from '@pizza/contracts-order';
import type { EventPublisher, RpcClient } from '@pizza/transport';
import type { CardProcessor } from './card-processor';
import { DemoCardProcessor } from './demo-card-processor';
import { InMemoryPaymentRepository } from './in-memory-payment.repository';
import type { PaymentRepository } from './payment.repository';
import { PAYMENT_LEASE_MS, Payments } from './payments';

const alice: Principal = { sub: 'alice', roles: ['customer'] };
const ORDER_ID = '6f1c2a7e-0000-4000-8000-000000000001';

function setup(status: OrderDto['status'] = OrderStatus.AWAITING_PAYMENT, repo: PaymentRepository = new InMemoryPaymentRepository(), processor = new DemoCardProcessor()) {
  const order: OrderDto = {
    id: ORDER_ID,
    status,
    customerId: 'alice',
    items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 2, unitPriceCents: 900 }],
    totalCents: 1800,
    currency: 'EUR',
    createdAt: '',
    updatedAt: '',
  };
  let release: (() => void) | undefined;
  const orders = {
    gate: undefined as Promise<void> | undefined,
    send: jest.fn(async () => {
      if (orders.gate) await orders.gate;
      return order;
    }),
    hold() {
      orders.gate = new Promise<void>((r) => (release = r));
      return () => release?.();
    },
  };
  const published: Array<[string, unknown]> = [];
  const events = { publish: jest.fn(async (p: string, e: unknown) => void published.push([p, e])) };
  const payments = new Payments(repo, processor, orders as unknown as RpcClient<OrderPatternMap>, events as unknown as EventPublisher);
  return { payments, order, orders, published, repo, processor };
}

describe('Payments', () => {
  it('charges the amount the order service states, not one from the caller, and announces it with the items', async () => {
    const { payments, published } = setup();
    const paid = await payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    expect(paid).toMatchObject({ status: PaymentStatus.SUCCEEDED, amountCents: 1800 });
    expect(published).toEqual([['payment.succeeded', expect.objectContaining({ orderId: ORDER_ID, amountCents: 1800, items: [{ pizzaId: 'margherita', name: 'Margherita', quantity: 2 }] })]]);
  });

  it('records a decline and lets the customer try another card, as often as it takes (each try a new charge at the provider)', async () => {
    const { payments, published } = setup();
    await payments.onOrderCreated({ orderId: ORDER_ID, customerId: 'alice', totalCents: 1800, currency: 'EUR', createdAt: new Date().toISOString() });
    for (let i = 0; i < 2; i++) await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_chargeDeclined' }, {})).rejects.toMatchObject({ code: 'PAYMENT.DECLINED', status: 402 });
    expect((await payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.DECLINED);
    expect(published).toEqual([]);
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('refuses a second charge once paid (409)', async () => {
    const { payments } = setup();
    await payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.ALREADY_PAID', status: 409 });
  });

  it('with an Idempotency-Key, a retry of a charge that went through gets that payment back: charged once, refused under another request', async () => {
    const { payments, published } = setup();
    const keyed = (fingerprint: string) => ({ idempotency: { key: 'pay-1', fingerprint: fingerprint.repeat(64) } });
    const paid = await payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, keyed('a'));
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, keyed('a'))).resolves.toEqual(paid);
    expect(published).toHaveLength(1);
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_mastercard' }, keyed('b'))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', status: 422 });
    // Another key, or none, is a second charge: refused as before.
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, { idempotency: { key: 'pay-2', fingerprint: 'a'.repeat(64) } })).rejects.toMatchObject({ code: 'PAYMENT.ALREADY_PAID' });
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.ALREADY_PAID' });
    // Someone else's key of the same name replays nothing: to them the order does not exist.
    await expect(payments.charge({ sub: 'bob', roles: ['customer'] }, { orderId: ORDER_ID, cardToken: 'tok_visa' }, keyed('a'))).rejects.toMatchObject({ code: 'ORDER.NOT_FOUND' });
  });

  it('a declined charge keeps no key: the same key may pay with another card', async () => {
    const { payments } = setup();
    const keyed = { idempotency: { key: 'pay-1', fingerprint: 'a'.repeat(64) } };
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_chargeDeclined' }, keyed)).rejects.toMatchObject({ code: 'PAYMENT.DECLINED' });
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, { idempotency: { key: 'pay-1', fingerprint: 'b'.repeat(64) } })).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('refuses a concurrent charge of the same order instead of charging twice', async () => {
    const { payments, orders, published } = setup();
    const release = orders.hold();
    const first = payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.IN_PROGRESS' });
    release();
    await first;
    expect(published).toHaveLength(1);
  });

  it('answers 404 to someone who is not the owner', async () => {
    const { payments } = setup();
    await expect(payments.charge({ sub: 'bob', roles: ['customer'] }, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'ORDER.NOT_FOUND' });
  });

  it('refuses to charge a cancelled order', async () => {
    const { payments } = setup(OrderStatus.CANCELLED);
    await expect(payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.ORDER_NOT_PAYABLE' });
  });

  it('refunds a paid order when it is cancelled, and one cancelled while its charge was running', async () => {
    const { payments, published } = setup();
    await payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await payments.onOrderCancelled({ orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.PAID });
    expect((await payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.REFUNDED);
    expect(published.map(([p]) => p)).toEqual(['payment.succeeded', 'payment.refunded']);

    const late = setup();
    const release = late.orders.hold();
    const charging = late.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await late.payments.onOrderCancelled({ orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.AWAITING_PAYMENT });
    release();
    await expect(charging).resolves.toMatchObject({ status: PaymentStatus.REFUNDED });
    // Never announced as paid: the kitchen would queue a pizza that nobody will eat, for an order it already dropped.
    expect(late.published.map(([p]) => p)).toEqual(['payment.refunded']);
  });

  it('an order cancelled before it was paid owes nothing: its payment reads cancelled, however the events and a charge interleave', async () => {
    const created = { orderId: ORDER_ID, customerId: 'alice', totalCents: 1800, currency: 'EUR', createdAt: new Date().toISOString() };
    const cancelled = { orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.AWAITING_PAYMENT };
    const statusOf = async (payments: Payments) => (await payments.find(alice, ORDER_ID)).payment?.status;

    const pending = setup();
    await pending.payments.onOrderCreated(created);
    await pending.payments.onOrderCancelled(cancelled);
    expect(await statusOf(pending.payments)).toBe(PaymentStatus.CANCELLED);
    // Not payable even if the order service still said otherwise (another instance's late view).
    await expect(pending.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.ORDER_NOT_PAYABLE' });
    expect(pending.published).toEqual([]);

    const declined = setup();
    await expect(declined.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_chargeDeclined' }, {})).rejects.toMatchObject({ code: 'PAYMENT.DECLINED' });
    await declined.payments.onOrderCancelled(cancelled);
    expect(await statusOf(declined.payments)).toBe(PaymentStatus.CANCELLED);

    // The cancel arrives while a charge runs, and the card is then declined.
    const running = setup();
    const release = running.orders.hold();
    const charging = running.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_chargeDeclined' }, {});
    await running.payments.onOrderCancelled(cancelled);
    release();
    await expect(charging).rejects.toMatchObject({ code: 'PAYMENT.DECLINED' });
    expect(await statusOf(running.payments)).toBe(PaymentStatus.CANCELLED);

    // The cancel arrives while a charge asks the order service, which then says the order is cancelled.
    const refused = setup();
    await refused.payments.onOrderCreated(created);
    const releaseRefused = refused.orders.hold();
    const refusing = refused.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await refused.payments.onOrderCancelled(cancelled);
    refused.order.status = OrderStatus.CANCELLED;
    releaseRefused();
    await expect(refusing).rejects.toMatchObject({ code: 'PAYMENT.ORDER_NOT_PAYABLE' });
    expect(await statusOf(refused.payments)).toBe(PaymentStatus.CANCELLED);

    // Over NATS events are not ordered: the cancel may arrive before the order's creation.
    const reordered = setup();
    await reordered.payments.onOrderCancelled(cancelled);
    await reordered.payments.onOrderCreated(created);
    expect(await statusOf(reordered.payments)).toBe(PaymentStatus.CANCELLED);
  });

  it('refunds once when order.cancelled arrives twice, or while a late charge refunds itself', async () => {
    // A real processor answers a refund over the network: both deliveries read "succeeded" before either is done.
    const slowProcessor = (processor: CardProcessor) => {
      const refunds: string[] = [];
      const refund = processor.refund.bind(processor);
      processor.refund = async (chargeId: string, amountCents: number) => {
        refunds.push(chargeId);
        await new Promise((r) => setImmediate(r));
        return refund(chargeId, amountCents);
      };
      return refunds;
    };
    const cancelledEvent = { orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.PAID };

    const twice = setup();
    const refunds = slowProcessor(twice.processor);
    await twice.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    await Promise.all([twice.payments.onOrderCancelled(cancelledEvent), twice.payments.onOrderCancelled(cancelledEvent)]);
    await twice.payments.onOrderCancelled(cancelledEvent);
    expect(refunds).toHaveLength(1);
    expect(twice.published.filter(([p]) => p === 'payment.refunded')).toHaveLength(1);
    expect((await twice.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.REFUNDED);

    // The cancel arrives after the charge saved its success and before it checked for a cancel.
    const late = setup();
    const lateRefunds = slowProcessor(late.processor);
    const save = late.repo.save.bind(late.repo);
    let delivered: Promise<void> | undefined;
    late.repo.save = async (record) => {
      await save(record);
      if (record.status === PaymentStatus.SUCCEEDED) delivered = late.payments.onOrderCancelled(cancelledEvent);
    };
    await expect(late.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).resolves.toMatchObject({ status: PaymentStatus.REFUNDED });
    await delivered;
    expect(lateRefunds).toHaveLength(1);
    expect(late.published.filter(([p]) => p === 'payment.refunded')).toHaveLength(1);
  });

  it('a late order.created never turns a payment that went through back into a pending one', async () => {
    const { payments, repo } = setup();
    const created = { orderId: ORDER_ID, customerId: 'alice', totalCents: 1800, currency: 'EUR', createdAt: new Date().toISOString() };
    // The event's first call to the repository is made at once, and its answer held until the customer's charge is done.
    const { findByOrder, open } = { findByOrder: repo.findByOrder.bind(repo), open: repo.open.bind(repo) };
    let charged!: () => void;
    const chargeDone = new Promise<void>((r) => (charged = r));
    const heldOnce =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        Object.assign(repo, { findByOrder, open });
        const answer = await call(...args);
        await chargeDone;
        return answer;
      };
    Object.assign(repo, { findByOrder: heldOnce(findByOrder), open: heldOnce(open) });
    const opening = payments.onOrderCreated(created);
    await payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
    charged();
    await opening;
    expect((await payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.SUCCEEDED);
  });

  describe('on two instances sharing their data (as billing instances share DATA_REDIS_URL)', () => {
    /** Two instances, each with its own processes' state, on one repository; each charge counted. */
    const twoInstances = () => {
      const repo = new InMemoryPaymentRepository();
      const [a, b] = [setup(undefined, repo), setup(undefined, repo)];
      const charges: string[] = [];
      for (const i of [a, b]) {
        const charge = i.processor.charge.bind(i.processor);
        i.processor.charge = async (...args) => {
          const result = await charge(...args);
          if (result.approved) charges.push(result.chargeId);
          return result;
        };
      }
      return { a, b, charges, published: () => [...a.published, ...b.published].map(([p]) => p) };
    };

    it('refuses a charge on one while the other charges the same order: charged once', async () => {
      const { a, b, charges, published } = twoInstances();
      const release = a.orders.hold();
      const first = a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
      await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.IN_PROGRESS' });
      release();
      await expect(first).resolves.toMatchObject({ status: PaymentStatus.SUCCEEDED });
      await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.ALREADY_PAID' });
      expect(charges).toHaveLength(1);
      expect(published()).toEqual(['payment.succeeded']);
    });

    it('refunds a charge that one ran while the other took the order.cancelled, and never announces it paid', async () => {
      const { a, b, charges, published } = twoInstances();
      const release = a.orders.hold();
      const charging = a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
      await b.payments.onOrderCancelled({ orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.AWAITING_PAYMENT });
      release();
      await expect(charging).resolves.toMatchObject({ status: PaymentStatus.REFUNDED });
      expect(charges).toHaveLength(1);
      expect(published()).toEqual(['payment.refunded']);
      expect((await b.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.REFUNDED);
    });

    it('refunds a paid order whose cancel found the lease held by an instance that died holding it, once the lease lapses', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const { a, b, published } = twoInstances();
        await a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
        // Instance A took the lease for its next step on the order, and was killed holding it.
        const orphan = await a.repo.lease(ORDER_ID, PAYMENT_LEASE_MS);
        expect(orphan).toEqual(expect.any(String));
        await b.payments.onOrderCancelled({ orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.PAID });
        expect((await b.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.SUCCEEDED);
        await jest.advanceTimersByTimeAsync(PAYMENT_LEASE_MS + 1000);
        expect((await b.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.REFUNDED);
        expect(published()).toEqual(['payment.succeeded', 'payment.refunded']);
      } finally {
        jest.useRealTimers();
      }
    });

    it('keeps the lease of a charge that outlasts its term (renewed): the other instance is still refused, charged once', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const { a, b, charges } = twoInstances();
        const release = a.orders.hold();
        const first = a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
        // The order service takes three terms of the lease to answer A.
        await jest.advanceTimersByTimeAsync(3 * PAYMENT_LEASE_MS);
        await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.IN_PROGRESS' });
        release();
        await expect(first).resolves.toMatchObject({ status: PaymentStatus.SUCCEEDED });
        expect(charges).toHaveLength(1);
        // Let go of at the end: the renewals stopped with it, and the next step may take it at once.
        expect(await b.repo.lease(ORDER_ID, PAYMENT_LEASE_MS)).toEqual(expect.any(String));
      } finally {
        jest.useRealTimers();
      }
    });

    it('blocks the next charge of an order whose charge died with its instance for one term of the lease at most (was 30 s)', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const repo = new InMemoryPaymentRepository();
        // A is killed mid-charge: the order service never answers it, and it renews nothing any more.
        const dead = new Proxy(repo, { get: (target, key) => (key === 'renew' ? async () => false : Reflect.get(target, key)) });
        const a = setup(undefined, dead);
        const b = setup(undefined, repo);
        a.orders.hold();
        void a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
        await jest.advanceTimersByTimeAsync(1);
        await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).rejects.toMatchObject({ code: 'PAYMENT.IN_PROGRESS' });
        await jest.advanceTimersByTimeAsync(PAYMENT_LEASE_MS);
        await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).resolves.toMatchObject({ status: PaymentStatus.SUCCEEDED });
      } finally {
        jest.useRealTimers();
      }
    });

    it('charges the card once when a charge frozen past its lease thaws after the other instance charged the order (the provider’s idempotency key)', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      try {
        const repo = new InMemoryPaymentRepository();
        // One provider for both, as a real one is; every charge it makes is counted.
        const provider = new DemoCardProcessor();
        const made = new Set<string>();
        const charge = provider.charge.bind(provider);
        provider.charge = async (...args) => {
          const result = await charge(...args);
          if (result.approved) made.add(result.chargeId);
          return result;
        };
        // A is frozen mid-charge past the lease's term: it renews nothing, then thaws.
        const frozen = new Proxy(repo, { get: (target, key) => (key === 'renew' ? async () => false : Reflect.get(target, key)) });
        const a = setup(undefined, frozen, provider);
        const b = setup(undefined, repo, provider);
        const thaw = a.orders.hold();
        const first = a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
        await jest.advanceTimersByTimeAsync(PAYMENT_LEASE_MS + 1);
        await expect(b.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {})).resolves.toMatchObject({ status: PaymentStatus.SUCCEEDED });
        thaw();
        await expect(first).resolves.toMatchObject({ status: PaymentStatus.SUCCEEDED });
        expect(made.size).toBe(1);
        expect((await repo.findByOrder(ORDER_ID))?.chargeId).toBe([...made][0]);
      } finally {
        jest.useRealTimers();
      }
    });

    it('refunds once when both take order.cancelled at the same time', async () => {
      const { a, b, published } = twoInstances();
      await a.payments.charge(alice, { orderId: ORDER_ID, cardToken: 'tok_visa' }, {});
      const cancelled = { orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.PAID };
      await Promise.all([a.payments.onOrderCancelled(cancelled), b.payments.onOrderCancelled(cancelled)]);
      expect(published()).toEqual(['payment.succeeded', 'payment.refunded']);
      expect((await a.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.REFUNDED);
    });

    it('an order.cancelled one takes before the other takes its order.created (not ordered over NATS): cancelled, not pending, either way round or at once', async () => {
      const created = { orderId: ORDER_ID, customerId: 'alice', totalCents: 1800, currency: 'EUR', createdAt: new Date().toISOString() };
      const cancelled = { orderId: ORDER_ID, customerId: 'alice', previousStatus: OrderStatus.AWAITING_PAYMENT };
      const inOrder = twoInstances();
      await inOrder.b.payments.onOrderCancelled(cancelled);
      await inOrder.a.payments.onOrderCreated(created);
      expect((await inOrder.a.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.CANCELLED);
      const atOnce = twoInstances();
      await Promise.all([atOnce.b.payments.onOrderCancelled(cancelled), atOnce.a.payments.onOrderCreated(created)]);
      expect((await atOnce.a.payments.find(alice, ORDER_ID)).payment?.status).toBe(PaymentStatus.CANCELLED);
    });
  });

  it('shows a customer only their own payment, staff any', async () => {
    const { payments } = setup();
    await payments.onOrderCreated({ orderId: ORDER_ID, customerId: 'alice', totalCents: 1800, currency: 'EUR', createdAt: new Date().toISOString() });
    expect((await payments.find(alice, ORDER_ID)).payment).toEqual({ status: 'pending', amountCents: 1800 });
    expect((await payments.find({ sub: 'bob', roles: ['customer'] }, ORDER_ID)).payment).toBeNull();
    expect((await payments.find({ sub: 'chef', roles: ['staff'] }, ORDER_ID)).payment).not.toBeNull();
  });
});
