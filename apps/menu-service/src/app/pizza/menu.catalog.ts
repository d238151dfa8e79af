import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@pizza/contracts-common';
import { MenuErrors, type PizzaDto, type QuotePizzasResponse } from '@pizza/contracts-menu';
import { PIZZA_REPOSITORY, type PizzaRepository } from './pizza.repository';

@Injectable()
export class MenuCatalog {
  constructor(@Inject(PIZZA_REPOSITORY) private readonly pizzas: PizzaRepository) {}

  list(): Promise<PizzaDto[]> {
    return this.pizzas.findAll();
  }

  async get(id: string): Promise<PizzaDto> {
    const pizza = await this.pizzas.findById(id);
    if (!pizza) throw new DomainError(MenuErrors.PIZZA_NOT_FOUND, `No pizza with id '${id}' is on the menu`);
    return pizza;
  }

  async quote(ids: readonly string[]): Promise<QuotePizzasResponse> {
    return { pizzas: await this.pizzas.findByIds([...new Set(ids)]) };
  }
}
