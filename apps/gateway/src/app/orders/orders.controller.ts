import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { Roles, Scopes } from '@pizza/auth';
import { BillingPatterns, BillingService, PayOrderBody, type BillingPatternMap } from '@pizza/contracts-billing';
import { PageRequest, Role, Scope, UUID_V4 } from '@pizza/contracts-common';
import { KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { CreateOrderRequest, OrderDto, OrderPatterns, OrderService, type OrderPatternMap } from '@pizza/contracts-order';
import { InjectRpcClient, RpcClient, type SendOptions } from '@pizza/transport';
import type { FastifyReply } from 'fastify';
import { aggregate, type AggregateSpec } from '../aggregation/aggregate';
import { V1 } from '../http/api-version';
import { CreatedAt } from '../http/created-at';
import { IdParam } from '../http/id-param.pipe';
import { answerPage } from '../http/next-link';
import { Call } from '../http/call.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { RateLimitRoute } from '../rate-limit/rate-limit.decorators';
import { ROUTE_LIMITS } from '../rate-limit/rate-limit.policy';
import { orderViewSpec, type OrderViewContext, type OrderViewParts } from './order-view.aggregation';
import { OrderView } from './order-view.dto';

@Controller(`${V1}/orders`)
export class OrdersController {
  private readonly orderView: AggregateSpec<OrderViewContext, OrderViewParts>;

  constructor(
    @InjectRpcClient(OrderService) private readonly order: RpcClient<OrderPatternMap>,
    @InjectRpcClient(BillingService) private readonly billing: RpcClient<BillingPatternMap>,
    @InjectRpcClient(KitchenService) private readonly kitchen: RpcClient<KitchenPatternMap>,
    config: ConfigService,
  ) {
    this.orderView = orderViewSpec(config.getOrThrow<number>('AGGREGATE_DEADLINE_MS'));
  }

  @Post()
  @Roles(Role.CUSTOMER)
  @Scopes(Scope.ORDERS_WRITE)
  @Idempotent()
  @CreatedAt(OrderDto, (order) => `/${V1}/orders/${order.id}`)
  @RateLimitRoute(ROUTE_LIMITS.ORDERS)
  create(@Body() body: CreateOrderRequest, @Call() call: SendOptions) {
    return this.order.send(OrderPatterns.CREATE_ORDER, body, call);
  }

  /** The caller's own orders, newest first, a page at a time: `Link: <...>; rel="next"` names the page after, until the last. */
  @Get()
  @Scopes(Scope.ORDERS_READ)
  @ApiOkResponse({ type: [OrderDto], headers: { Link: { description: 'The next page, if any: `</v1/orders?limit=50&after=...>; rel="next"`', schema: { type: 'string' } } } })
  async list(@Query() page: PageRequest, @Call() call: SendOptions, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrderDto[]> {
    return answerPage(reply, `/${V1}/orders`, page, await this.order.send(OrderPatterns.LIST_ORDERS, page, call));
  }

  /** The order, its payment and its kitchen ticket, read at once under one deadline: a payment or ticket that cannot be read is null and listed in errors. */
  // The rule is order-view.aggregation.ts; the deadline AGGREGATE_DEADLINE_MS or the route's own.
  @Get(':orderId')
  @Scopes(Scope.ORDERS_READ)
  @ApiOkResponse({ type: OrderView })
  view(@IdParam('orderId', UUID_V4) orderId: string, @Call() call: SendOptions) {
    return aggregate(this.orderView, { orderId, meta: call.meta ?? {}, order: this.order, billing: this.billing, kitchen: this.kitchen }, call.timeoutMs);
  }

  @Post(':orderId/payment')
  @HttpCode(200)
  @Roles(Role.CUSTOMER)
  @Scopes(Scope.PAYMENTS_WRITE)
  @Idempotent()
  pay(@IdParam('orderId', UUID_V4) orderId: string, @Body() body: PayOrderBody, @Call() call: SendOptions) {
    return this.billing.send(BillingPatterns.CHARGE_PAYMENT, { orderId, cardToken: body.cardToken }, call);
  }

  @Post(':orderId/cancel')
  @HttpCode(200)
  @Roles(Role.CUSTOMER)
  @Scopes(Scope.ORDERS_WRITE)
  cancel(@IdParam('orderId', UUID_V4) orderId: string, @Call() call: SendOptions) {
    return this.order.send(OrderPatterns.CANCEL_ORDER, { orderId }, call);
  }
}
