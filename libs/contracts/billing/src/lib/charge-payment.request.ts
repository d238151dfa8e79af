import { IsUUID } from 'class-validator';
import { PayOrderBody } from './pay-order.body';

export class ChargePaymentRequest extends PayOrderBody {
  @IsUUID('4')
  orderId!: string;
}
