import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PIZZA_ID_PATTERN } from './pizza-id';

/** The public body of PATCH /v1/menu/:id: any of these, at least one. */
export class UpdatePizzaBody {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priceCents?: number;

  @IsOptional()
  @IsBoolean()
  available?: boolean;
}

export class UpdatePizzaRequest extends UpdatePizzaBody {
  @IsString()
  @Matches(PIZZA_ID_PATTERN)
  id!: string;
}

export class MenuUpdatedEvent {
  @IsString()
  @Matches(PIZZA_ID_PATTERN)
  pizzaId!: string;
}
