import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';

export class PaidLine {
  @IsString()
  @Length(1, 64)
  pizzaId!: string;

  @IsString()
  @Length(1, 128)
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

export class PaymentSucceededEvent {
  @IsUUID('4')
  paymentId!: string;

  @IsUUID('4')
  orderId!: string;

  @IsString()
  @Length(1, 128)
  customerId!: string;

  @IsInt()
  @Min(0)
  amountCents!: number;

  @IsString()
  @Length(3, 3)
  currency!: string;

  /** What the kitchen has to bake, so it needs no call back to the order service. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PaidLine)
  items!: PaidLine[];
}

export class PaymentRefundedEvent {
  @IsUUID('4')
  paymentId!: string;

  @IsUUID('4')
  orderId!: string;

  @IsInt()
  @Min(0)
  amountCents!: number;
}
