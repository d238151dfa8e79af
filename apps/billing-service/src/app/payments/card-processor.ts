/** The payment provider, behind a port so a real one (Stripe, Adyen) can replace the demo. */
export interface CardProcessor {
  /**
   * `idempotencyKey` goes to the provider (Stripe's and Adyen's Idempotency-Key): a charge under a
   * key it has seen gets that first attempt's result, never a second charge. It is what stops two
   * attempts on one payment both charging the card when the order's lease could not (its holder
   * frozen past the lease's term, then thawed mid-charge).
   */
  charge(cardToken: string, amountCents: number, currency: string, idempotencyKey: string): Promise<ChargeResult>;
  refund(chargeId: string, amountCents: number): Promise<void>;
}

export type ChargeResult = { approved: true; chargeId: string } | { approved: false; reason: string };

export const CARD_PROCESSOR = Symbol('CARD_PROCESSOR');
