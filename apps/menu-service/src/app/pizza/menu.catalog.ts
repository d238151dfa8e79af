import { Inject, Injectable } from '@nestjs/common';
import { CommonErrors, DomainError, hasRole, Role, type MessageMeta, type Principal } from '@pizza/contracts-common';
import { MenuErrors, MenuEvents, type MenuEventMap, type PizzaDto, type QuotePizzasResponse, type UpdatePizzaRequest } from '@pizza/contracts-menu';
import { EventPublisher } from '@pizza/transport';
import { PIZZA_REPOSITORY, type PizzaRepository } from './pizza.repository';

@Injectable()
export class MenuCatalog {
  constructor(
    @Inject(PIZZA_REPOSITORY) private readonly pizzas: PizzaRepository,
    private readonly events: EventPublisher<MenuEventMap>,
  ) {}

  list(): Promise<PizzaDto[]> {
    return this.pizzas.findAll();
  }

  async get(id: string): Promise<PizzaDto> {
    const pizza = await this.pizzas.findById(id);
    if (!pizza) throw new DomainError(MenuErrors.PIZZA_NOT_FOUND, `No pizza with id '${id}' is on the menu`);
    return pizza;
  }

  /** Staff and admins change a price or availability; every cache of the menu is told. */
  async update(principal: Principal, { id, priceCents, available }: UpdatePizzaRequest, meta: MessageMeta): Promise<PizzaDto> {
    if (!hasRole(principal, Role.STAFF, Role.ADMIN)) throw new DomainError(CommonErrors.FORBIDDEN, 'Only staff change the menu');
    const change = { ...(priceCents !== undefined ? { priceCents } : {}), ...(available !== undefined ? { available } : {}) };
    if (!Object.keys(change).length) throw new DomainError(MenuErrors.EMPTY_UPDATE, 'Send priceCents, available, or both');
    const pizza = await this.pizzas.update(id, change);
    if (!pizza) throw new DomainError(MenuErrors.PIZZA_NOT_FOUND, `No pizza with id '${id}' is on the menu`);
    await this.events.publish(MenuEvents.MENU_UPDATED, { pizzaId: id }, meta);
    return pizza;
  }

  async quote(ids: readonly string[]): Promise<QuotePizzasResponse> {
    return { pizzas: await this.pizzas.findByIds([...new Set(ids)]) };
  }
}
