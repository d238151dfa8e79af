import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';
import { PIZZA_ID_PATTERN } from './pizza-id';
import type { PizzaDto } from './pizza.dto';

export class QuotePizzasRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(PIZZA_ID_PATTERN, { each: true })
  ids!: string[];
}

/** Known pizzas only; unknown ids are simply absent, the caller decides what that means. */
export interface QuotePizzasResponse {
  pizzas: PizzaDto[];
}
