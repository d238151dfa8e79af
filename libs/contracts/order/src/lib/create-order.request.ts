import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PIZZA_ID_PATTERN } from '@pizza/contracts-menu';

export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 20;

export class OrderLineInput {
  @IsString()
  @Matches(PIZZA_ID_PATTERN, { message: 'pizzaId must be a pizza slug' })
  pizzaId!: string;

  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

/** The public body of POST /v1/orders and the data of order.order.create: one class, both ends. */
export class CreateOrderRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  items!: OrderLineInput[];
}
