import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Roles, Scopes } from '@pizza/auth';
import { Role, Scope, UUID_V4, type MessageMeta } from '@pizza/contracts-common';
import { KitchenPatterns, KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { InjectRpcClient, RpcClient } from '@pizza/transport';
import { V1 } from '../http/api-version';
import { IdParam } from '../http/id-param.pipe';
import { RequestMeta } from '../http/request-meta.decorator';

@Controller(`${V1}/kitchen/tickets`)
export class KitchenController {
  constructor(@InjectRpcClient(KitchenService) private readonly kitchen: RpcClient<KitchenPatternMap>) {}

  @Get()
  @Roles(Role.STAFF, Role.ADMIN)
  @Scopes(Scope.KITCHEN_READ)
  queue(@RequestMeta() meta: MessageMeta) {
    return this.kitchen.send(KitchenPatterns.LIST_TICKETS, {}, { meta });
  }

  @Post(':ticketId/advance')
  @HttpCode(200)
  @Roles(Role.STAFF)
  @Scopes(Scope.KITCHEN_WRITE)
  advance(@IdParam('ticketId', UUID_V4) ticketId: string, @RequestMeta() meta: MessageMeta) {
    return this.kitchen.send(KitchenPatterns.ADVANCE_TICKET, { ticketId }, { meta });
  }
}
