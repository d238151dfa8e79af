import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '@pizza/auth';
import type { MessageMeta } from '@pizza/contracts-common';
import { GetPizzaRequest, MenuPatterns, MenuService, type MenuPatternMap } from '@pizza/contracts-menu';
import { InjectRpcClient, RpcClient } from '@pizza/transport';
import { V1 } from '../http/api-version';
import { RequestMeta } from '../http/request-meta.decorator';

@Controller(`${V1}/menu`)
@Public()
export class MenuController {
  constructor(@InjectRpcClient(MenuService) private readonly menu: RpcClient<MenuPatternMap>) {}

  @Get()
  list(@RequestMeta() meta: MessageMeta) {
    return this.menu.send(MenuPatterns.LIST_PIZZAS, {}, { meta });
  }

  @Get(':id')
  get(@Param() { id }: GetPizzaRequest, @RequestMeta() meta: MessageMeta) {
    return this.menu.send(MenuPatterns.GET_PIZZA, { id }, { meta });
  }
}
