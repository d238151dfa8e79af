import { IsString, Matches } from 'class-validator';
import { PIZZA_ID_PATTERN } from './pizza-id';

export class GetPizzaRequest {
  @IsString()
  @Matches(PIZZA_ID_PATTERN, { message: 'id must be a pizza slug (a-z, 0-9, -; at most 64 characters)' })
  id!: string;
}
