import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessageMeta, PageRequest } from '@pizza/contracts-common';
import { CreateOrderRequest, OrderIdRequest, OrderPatterns, type OrderPatternMap } from '@pizza/contracts-order';
import { requirePrincipal } from '@pizza/transport';
import { Orders } from './orders';

type Reply<K extends keyof OrderPatternMap> = Promise<OrderPatternMap[K]['response']>;

@Controller()
export class OrderMessageController {
  constructor(private readonly orders: Orders) {}

  @MessagePattern(OrderPatterns.CREATE_ORDER)
  create(@Payload('data') req: CreateOrderRequest, @Payload('meta') meta: MessageMeta): Reply<typeof OrderPatterns.CREATE_ORDER> {
    return this.orders.create(requirePrincipal(meta), req, meta);
  }

  @MessagePattern(OrderPatterns.LIST_ORDERS)
  list(@Payload('data') page: PageRequest, @Payload('meta') meta: MessageMeta): Reply<typeof OrderPatterns.LIST_ORDERS> {
    return this.orders.list(requirePrincipal(meta), page);
  }

  @MessagePattern(OrderPatterns.GET_ORDER)
  get(@Payload('data') req: OrderIdRequest, @Payload('meta') meta: MessageMeta): Reply<typeof OrderPatterns.GET_ORDER> {
    return this.orders.get(requirePrincipal(meta), req.orderId);
  }

  @MessagePattern(OrderPatterns.CANCEL_ORDER)
  cancel(@Payload('data') req: OrderIdRequest, @Payload('meta') meta: MessageMeta): Reply<typeof OrderPatterns.CANCEL_ORDER> {
    return this.orders.cancel(requirePrincipal(meta), req.orderId, meta);
  }
}
