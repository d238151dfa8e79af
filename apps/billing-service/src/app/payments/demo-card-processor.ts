import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CardProcessor, ChargeResult } from './card-processor';

/** Test tokens in the style of card processors' sandboxes. */
const APPROVED = new Set(['tok_visa', 'tok_mastercard', 'tok_amex']);

@Injectable()
export class DemoCardProcessor implements CardProcessor {
  async charge(cardToken: string): Promise<ChargeResult> {
    if (APPROVED.has(cardToken)) return { approved: true, chargeId: `ch_${randomUUID()}` };
    if (cardToken === 'tok_chargeDeclined') return { approved: false, reason: 'The card was declined' };
    return { approved: false, reason: 'Unknown card token' };
  }

  async refund(): Promise<void> {
    // The demo processor keeps no balance.
  }
}
