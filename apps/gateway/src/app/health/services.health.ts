import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BillingPatterns, BillingService, type BillingPatternMap } from '@pizza/contracts-billing';
import { KitchenPatterns, KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { MenuPatterns, MenuService, type MenuPatternMap } from '@pizza/contracts-menu';
import { OrderPatterns, OrderService, type OrderPatternMap } from '@pizza/contracts-order';
import { InjectRpcClient, RpcClient, UpstreamError } from '@pizza/transport';

const PING_TIMEOUT_MS = 1000;

/**
 * Readiness of each downstream service: a real ping RPC over the configured
 * transport, with its breaker state and how many of its instances are in rotation.
 */
@Injectable()
export class ServicesHealth {
  private readonly pings: Array<[string, Pick<RpcClient, 'breakerState' | 'instances'>, () => Promise<unknown>]>;

  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectRpcClient(MenuService) menu: RpcClient<MenuPatternMap>,
    @InjectRpcClient(OrderService) order: RpcClient<OrderPatternMap>,
    @InjectRpcClient(KitchenService) kitchen: RpcClient<KitchenPatternMap>,
    @InjectRpcClient(BillingService) billing: RpcClient<BillingPatternMap>,
  ) {
    // raw: a ping sees the service itself, not the breaker's memory of it.
    const t = { timeoutMs: PING_TIMEOUT_MS, raw: true };
    this.pings = [
      ['menu', menu, () => menu.send(MenuPatterns.PING, {}, t)],
      ['order', order, () => order.send(OrderPatterns.PING, {}, t)],
      ['kitchen', kitchen, () => kitchen.send(KitchenPatterns.PING, {}, t)],
      ['billing', billing, () => billing.send(BillingPatterns.PING, {}, t)],
    ];
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    return this.pings.map(([name, client, ping]) => async () => {
      const check = this.indicator.check(name);
      const details = { breaker: client.breakerState, instances: client.instances };
      try {
        await ping();
        return check.up(details);
      } catch (err) {
        return check.down({ ...details, code: err instanceof UpstreamError ? err.payload.code : 'UPSTREAM_ERROR' });
      }
    });
  }
}
