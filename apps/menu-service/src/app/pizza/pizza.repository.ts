import type { PizzaDto } from '@pizza/contracts-menu';

/** Where the menu lives. In memory today; a database adapter implements the same port. */
export interface PizzaRepository {
  findAll(): Promise<PizzaDto[]>;
  findById(id: string): Promise<PizzaDto | undefined>;
  findByIds(ids: readonly string[]): Promise<PizzaDto[]>;
  /** Applies the change and returns the pizza after it, or undefined if there is none. */
  update(id: string, change: Partial<Pick<PizzaDto, 'priceCents' | 'available'>>): Promise<PizzaDto | undefined>;
}

export const PIZZA_REPOSITORY = Symbol('PIZZA_REPOSITORY');
