import { Injectable } from '@nestjs/common';
import type { PizzaDto } from '@pizza/contracts-menu';
import type { PizzaRepository } from './pizza.repository';
import { PIZZA_SEED } from './pizza.seed';

@Injectable()
export class InMemoryPizzaRepository implements PizzaRepository {
  private readonly pizzas = new Map<string, PizzaDto>(PIZZA_SEED.map((p) => [p.id, { ...p }]));

  async findAll(): Promise<PizzaDto[]> {
    return [...this.pizzas.values()].map((p) => ({ ...p }));
  }

  async findById(id: string): Promise<PizzaDto | undefined> {
    const p = this.pizzas.get(id);
    return p && { ...p };
  }

  async update(id: string, change: Partial<Pick<PizzaDto, 'priceCents' | 'available'>>): Promise<PizzaDto | undefined> {
    const p = this.pizzas.get(id);
    if (!p) return undefined;
    Object.assign(p, change);
    return { ...p };
  }

  async findByIds(ids: readonly string[]): Promise<PizzaDto[]> {
    return ids.flatMap((id) => {
      const p = this.pizzas.get(id);
      return p ? [{ ...p }] : [];
    });
  }
}
