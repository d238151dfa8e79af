import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessageMeta } from '@pizza/contracts-common';
import { AdvanceTicketRequest, CancelOrderTicketRequest, FindTicketRequest, KitchenPatterns, ListTicketsRequest, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { requirePrincipal } from '@pizza/transport';
import { Kitchen } from './kitchen';

type Reply<K extends keyof KitchenPatternMap> = Promise<KitchenPatternMap[K]['response']>;

@Controller()
export class TicketMessageController {
  constructor(private readonly kitchen: Kitchen) {}

  @MessagePattern(KitchenPatterns.LIST_TICKETS)
  list(@Payload('data') req: ListTicketsRequest, @Payload('meta') meta: MessageMeta): Reply<typeof KitchenPatterns.LIST_TICKETS> {
    return this.kitchen.queue(requirePrincipal(meta), req);
  }

  @MessagePattern(KitchenPatterns.ADVANCE_TICKET)
  advance(@Payload('data') req: AdvanceTicketRequest, @Payload('meta') meta: MessageMeta): Reply<typeof KitchenPatterns.ADVANCE_TICKET> {
    return this.kitchen.advance(requirePrincipal(meta), req.ticketId, meta, req.to);
  }

  @MessagePattern(KitchenPatterns.FIND_TICKET)
  find(@Payload('data') req: FindTicketRequest, @Payload('meta') meta: MessageMeta): Reply<typeof KitchenPatterns.FIND_TICKET> {
    return this.kitchen.find(requirePrincipal(meta), req.orderId);
  }

  @MessagePattern(KitchenPatterns.CANCEL_ORDER_TICKET)
  cancel(@Payload('data') req: CancelOrderTicketRequest, @Payload('meta') meta: MessageMeta): Reply<typeof KitchenPatterns.CANCEL_ORDER_TICKET> {
    return this.kitchen.cancelForOrder(requirePrincipal(meta), req.orderId, meta);
  }
}
