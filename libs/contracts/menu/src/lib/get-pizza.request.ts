import { IsString, Matches } from 'class-validator';
import { PIZZA_ID } from './pizza-id';

export class GetPizzaRequest {
  @IsString()
  @Matches(PIZZA_ID.pattern, { message: `id ${PIZZA_ID.message}` })
  id!: string;
}
