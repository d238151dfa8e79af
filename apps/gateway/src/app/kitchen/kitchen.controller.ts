import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { Roles, Scopes } from '@pizza/auth';
import { Role, Scope, UUID_V4 } from '@pizza/contracts-common';
import { AdvanceTicketBody, KitchenPatterns, KitchenService, ListTicketsRequest, TicketDto, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { InjectRpcClient, RpcClient, type SendOptions } from '@pizza/transport';
import type { FastifyReply } from 'fastify';
import { V1 } from '../http/api-version';
import { answerPage } from '../http/next-link';
import { IdParam } from '../http/id-param.pipe';
import { Call } from '../http/call.decorator';

@Controller(`${V1}/kitchen/tickets`)
export class KitchenController {
  constructor(@InjectRpcClient(KitchenService) private readonly kitchen: RpcClient<KitchenPatternMap>) {}

  /** The queue, oldest first, a page at a time: `Link: <...>; rel="next"` names the page after, until the last. */
  @Get()
  @Roles(Role.STAFF, Role.ADMIN)
  @Scopes(Scope.KITCHEN_READ)
  @ApiOkResponse({ type: [TicketDto], headers: { Link: { description: 'The next page, if any', schema: { type: 'string' } } } })
  async queue(@Query() request: ListTicketsRequest, @Call() call: SendOptions, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketDto[]> {
    return answerPage(reply, `/${V1}/kitchen/tickets`, request, await this.kitchen.send(KitchenPatterns.LIST_TICKETS, request, call));
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
