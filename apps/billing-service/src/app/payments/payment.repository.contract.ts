import { PaymentStatus } from '@pizza/contracts-billing';
import { present, waitFor } from '@pizza/testing';
import type { PaymentRecord, PaymentRepository } from './payment.repository';

const payment = (orderId: string, status: PaymentRecord['status'], chargeId?: string): PaymentRecord => ({
  id: `p-${orderId}`,
  orderId,
  customerId: 'alice',
  status,
  amountCents: 900,
  currency: 'EUR',
  ...(chargeId ? { chargeId } : {}),
  updatedAt: '2026-01-01T10:00:00.000Z',
});

/** What every PaymentRepository adapter must do. `fresh` gives an empty repository for each case. */
export function behavesAsPaymentRepository(fresh: () => PaymentRepository): void {
  it('opens one payment per order: a late open never overwrites what is there', async () => {
    const repo = fresh();
    expect(await repo.findByOrder('o-1')).toBeUndefined();
    const opened = await Promise.all([repo.open(payment('o-1', PaymentStatus.PENDING)), repo.open(payment('o-1', PaymentStatus.PENDING))]);
    expect(opened.sort()).toEqual([false, true]);
    await repo.save(payment('o-1', PaymentStatus.SUCCEEDED, 'ch_1'));
    expect(await repo.open(payment('o-1', PaymentStatus.PENDING))).toBe(false);
    expect(await repo.findByOrder('o-1')).toEqual(payment('o-1', PaymentStatus.SUCCEEDED, 'ch_1'));
  });

  it('saves over a payment and gives back a copy', async () => {
    const repo = fresh();
    await repo.save(payment('o-2', PaymentStatus.DECLINED));
    const found = await repo.findByOrder('o-2');
    present(found).status = PaymentStatus.REFUNDED;
    expect((await repo.findByOrder('o-2'))?.status).toBe(PaymentStatus.DECLINED);
  });

  it('leases an order to one holder at a time, until it lets go or the lease lapses; only the holder can let go', async () => {
    const repo = fresh();
    const [first, second] = await Promise.all([repo.lease('o-3', 10_000), repo.lease('o-3', 10_000)]);
    const holder = first ?? second;
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await repo.lease('o-4', 10_000)).toEqual(expect.any(String));
    await repo.release('o-3', 'not-the-token');
    expect(await repo.lease('o-3', 10_000)).toBeUndefined();
    await repo.release('o-3', present(holder));
    const short = await repo.lease('o-3', 50);
    expect(short).toEqual(expect.any(String));
    await waitFor(async () => (await repo.lease('o-3', 10_000)) !== undefined, { timeoutMs: 5000, intervalMs: 10, what: 'the lease to lapse' });
  });

  it('renews a lease for its holder only: renewed, it outlives a lease of the same term that was not; a lapsed one renews nothing', async () => {
    const repo = fresh();
    const [holder, control] = [present(await repo.lease('o-7', 300)), present(await repo.lease('o-8', 300))];
    expect(await repo.renew('o-7', 'not-the-token', 10_000)).toBe(false);
    expect(await repo.renew('o-7', holder, 10_000)).toBe(true);
    await waitFor(async () => (await repo.lease('o-8', 10_000)) !== undefined, { timeoutMs: 5000, intervalMs: 10, what: 'the lease not renewed to lapse' });
    expect(await repo.lease('o-7', 10_000)).toBeUndefined();
    // Lapsed, and taken by another since: its first holder cannot take it back.
    expect(await repo.renew('o-8', control, 10_000)).toBe(false);
  });

  it('remembers which orders were cancelled', async () => {
    const repo = fresh();
    expect(await repo.isCancelled('o-5')).toBe(false);
    await repo.markCancelled('o-5');
    await repo.markCancelled('o-5');
    expect(await repo.isCancelled('o-5')).toBe(true);
    expect(await repo.isCancelled('o-6')).toBe(false);
  });
}
