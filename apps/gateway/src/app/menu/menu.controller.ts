import { Body, Controller, Get, Patch } from '@nestjs/common';
import { Public, Roles, Scopes } from '@pizza/auth';
import { Role, Scope } from '@pizza/contracts-common';
import { MenuPatterns, MenuService, PIZZA_ID, UpdatePizzaBody, type MenuPatternMap } from '@pizza/contracts-menu';
import { InjectRpcClient, RpcClient, type SendOptions } from '@pizza/transport';
import { Cached } from '../cache/cached.decorator';
import { MenuCacheKeys } from '../cache/menu-cache.keys';
import { ResponseCache } from '../cache/response-cache';
import { V1 } from '../http/api-version';
import { IdParam } from '../http/id-param.pipe';
import { Call } from '../http/call.decorator';

@Controller(`${V1}/menu`)
export class MenuController {
  constructor(
    @InjectRpcClient(MenuService) private readonly menu: RpcClient<MenuPatternMap>,
    private readonly cache: ResponseCache,
  ) {}

  @Get()
  @Public()
  @Cached(() => MenuCacheKeys.list())
  list(@Call() call: SendOptions) {
    return this.menu.send(MenuPatterns.LIST_PIZZAS, {}, call);
  }

  @Get(':id')
  @Public()
  @Cached((req) => MenuCacheKeys.pizza((req.params as { id: string }).id))
  get(@IdParam('id', PIZZA_ID) id: string, @Call() call: SendOptions) {
    return this.menu.send(MenuPatterns.GET_PIZZA, { id }, call);
  }

  /** Changes a pizza's price or availability, and evicts the cached menu answers it changes. */
  // Evicts at once here; menu.updated tells the other instances (NATS).
  @Patch(':id')
  @Roles(Role.STAFF, Role.ADMIN)
  @Scopes(Scope.MENU_WRITE)
  async update(@IdParam('id', PIZZA_ID) id: string, @Body() body: UpdatePizzaBody, @Call() call: SendOptions) {
    const pizza = await this.menu.send(MenuPatterns.UPDATE_PIZZA, { id, ...body }, call);
    await this.cache.evict(...MenuCacheKeys.affectedBy(id));
    return pizza;
  }
}
