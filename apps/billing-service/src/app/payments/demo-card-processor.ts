import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CardProcessor, ChargeResult } from './card-processor';

/** Test tokens in the style of card processors' sandboxes. */
const APPROVED = new Set(['tok_visa', 'tok_mastercard', 'tok_amex']);

/** Keys remembered, the oldest forgotten first (a provider keeps them a day). */
const KEYS_KEPT = 10_000;

/**
 * A sandbox processor in this process's memory: it honours idempotency keys as a provider does,
 * within this process (a real provider is one for every instance).
 */
@Injectable()
export class DemoCardProcessor implements CardProcessor {
  private readonly byKey = new Map<string, ChargeResult>();

  async charge(cardToken: string, _amountCents: number, _currency: string, idempotencyKey: string): Promise<ChargeResult> {
    const seen = this.byKey.get(idempotencyKey);
    if (seen) return seen;
    const result = this.decide(cardToken);
    this.byKey.set(idempotencyKey, result);
    if (this.byKey.size > KEYS_KEPT) this.byKey.delete(this.byKey.keys().next().value as string);
    return result;
  }

  async refund(): Promise<void> {
    // The demo processor keeps no balance.
  }

  private decide(cardToken: string): ChargeResult {
    if (APPROVED.has(cardToken)) return { approved: true, chargeId: `ch_${randomUUID()}` };
    if (cardToken === 'tok_chargeDeclined') return { approved: false, reason: 'The card was declined' };
    return { approved: false, reason: 'Unknown card token' };
  }
}
