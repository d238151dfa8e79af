import { IsString, Matches } from 'class-validator';

/** The public body of POST /v1/orders/:id/payment. */
export class PayOrderBody {
  /** A token from the card processor, never a card number. */
  @IsString()
  @Matches(/^tok_[A-Za-z0-9_]{1,64}$/, { message: 'cardToken must be a processor token such as tok_visa' })
  cardToken!: string;
}
