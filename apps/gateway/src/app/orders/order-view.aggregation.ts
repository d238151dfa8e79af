import { BillingPatterns, type BillingPatternMap, type PaymentSummary } from '@pizza/contracts-billing';
import type { MessageMeta } from '@pizza/contracts-common';
import { KitchenPatterns, type KitchenPatternMap, type TicketSummary } from '@pizza/contracts-kitchen';
import { OrderPatterns, type OrderDto, type OrderPatternMap } from '@pizza/contracts-order';
import type { RpcClient } from '@pizza/transport';
import type { AggregateSpec } from '../aggregation/aggregate';

export interface OrderViewContext {
  orderId: string;
  meta: MessageMeta;
  order: RpcClient<OrderPatternMap>;
  billing: RpcClient<BillingPatternMap>;
  kitchen: RpcClient<KitchenPatternMap>;
}

export type OrderViewParts = { order: OrderDto; payment: PaymentSummary | null; kitchen: TicketSummary | null };

/**
 * GET /v1/orders/:id in one declaration: the order is required (its failure is
 * the response's: 404, 503, 504); payment and kitchen are optional and degrade
 * to null with an `errors` entry. One deadline for all three.
 */
export function orderViewSpec(deadlineMs: number): AggregateSpec<OrderViewContext, OrderViewParts> {
  return {
    deadlineMs,
    parts: {
      order: {
        required: true,
        fetch: (c, t) => c.order.send(OrderPatterns.GET_ORDER, { orderId: c.orderId }, { meta: c.meta, timeoutMs: t }),
      },
      payment: {
        required: false,
        fetch: async (c, t) => (await c.billing.send(BillingPatterns.FIND_PAYMENT, { orderId: c.orderId }, { meta: c.meta, timeoutMs: t })).payment,
      },
      kitchen: {
        required: false,
        fetch: async (c, t) => (await c.kitchen.send(KitchenPatterns.FIND_TICKET, { orderId: c.orderId }, { meta: c.meta, timeoutMs: t })).ticket,
      },
    },
  };
}
