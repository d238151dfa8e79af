/** The payment provider, behind a port so a real one (Stripe, Adyen) can replace the demo. */
export interface CardProcessor {
  charge(cardToken: string, amountCents: number, currency: string): Promise<ChargeResult>;
  refund(chargeId: string, amountCents: number): Promise<void>;
}

export type ChargeResult = { approved: true; chargeId: string } | { approved: false; reason: string };

export const CARD_PROCESSOR = Symbol('CARD_PROCESSOR');
