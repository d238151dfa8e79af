import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { Roles, Scopes } from '@pizza/auth';
import { Role, Scope, UUID_V4 } from '@pizza/contracts-common';
import { AdvanceTicketBody, KitchenPatterns, KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { InjectRpcClient, RpcClient, type SendOptions } from '@pizza/transport';
import { V1 } from '../http/api-version';
import { IdParam } from '../http/id-param.pipe';
import { Call } from '../http/call.decorator';

@Controller(`${V1}/kitchen/tickets`)
export class KitchenController {
  constructor(@InjectRpcClient(KitchenService) private readonly kitchen: RpcClient<KitchenPatternMap>) {}

  @Get()
  @Roles(Role.STAFF, Role.ADMIN)
  @Scopes(Scope.KITCHEN_READ)
  queue(@Call() call: SendOptions) {
    return this.kitchen.send(KitchenPatterns.LIST_TICKETS, {}, call);
  }

  /** The body is optional: `{"to":"preparing"}` makes a retry safe (see AdvanceTicketBody). */
  @Post(':ticketId/advance')
  @HttpCode(200)
  @Roles(Role.STAFF)
  @Scopes(Scope.KITCHEN_WRITE)
  @ApiBody({ type: AdvanceTicketBody, required: false })
  advance(@IdParam('ticketId', UUID_V4) ticketId: string, @Body() body: AdvanceTicketBody, @Call() call: SendOptions) {
    return this.kitchen.send(KitchenPatterns.ADVANCE_TICKET, { ticketId, ...(body?.to ? { to: body.to } : {}) }, call);
  }
}
