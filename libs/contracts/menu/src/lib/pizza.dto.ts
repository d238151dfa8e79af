export class PizzaDto {
  id!: string;
  name!: string;
  description!: string;
  /** Integer minor units: money never touches floating point. */
  priceCents!: number;
  /** ISO 4217. */
  currency!: string;
  available!: boolean;
}
