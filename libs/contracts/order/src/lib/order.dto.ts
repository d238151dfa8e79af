import type { OrderStatus } from './order-status';

export class OrderLineDto {
  pizzaId!: string;
  name!: string;
  quantity!: number;
  unitPriceCents!: number;
}

export class OrderDto {
  id!: string;
  status!: OrderStatus;
  customerId!: string;
  items!: OrderLineDto[];
  totalCents!: number;
  currency!: string;
  createdAt!: string;
  updatedAt!: string;
}
