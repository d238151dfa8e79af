import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Min } from 'class-validator';
import { OrderStatus } from './order-status';

export class OrderCreatedEvent {
  @IsUUID('4')
  orderId!: string;

  @IsString()
  @Length(1, 128)
  customerId!: string;

  @IsInt()
  @Min(0)
  totalCents!: number;

  @IsString()
  @Length(3, 3)
  currency!: string;

  @IsISO8601()
  createdAt!: string;
}

export class OrderCancelledEvent {
  @IsUUID('4')
  orderId!: string;

  @IsString()
  @Length(1, 128)
  customerId!: string;

  @IsIn(Object.values(OrderStatus))
  previousStatus!: OrderStatus;
}
