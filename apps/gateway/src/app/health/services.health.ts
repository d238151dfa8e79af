import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BillingPatterns, BillingService, type BillingPatternMap } from '@pizza/contracts-billing';
import { KitchenPatterns, KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { MenuPatterns, MenuService, type MenuPatternMap } from '@pizza/contracts-menu';
import { OrderPatterns, OrderService, type OrderPatternMap } from '@pizza/contracts-order';
import { InjectRpcClient, RpcClient, UpstreamError } from '@pizza/transport';

const PING_TIMEOUT_MS = 1000;

/** Readiness of each downstream service: a real ping RPC over the configured transport. */
@Injectable()
export class ServicesHealth {
  private readonly pings: Array<[string, () => Promise<unknown>]>;

  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectRpcClient(MenuService) menu: RpcClient<MenuPatternMap>,
    @InjectRpcClient(OrderService) order: RpcClient<OrderPatternMap>,
    @InjectRpcClient(KitchenService) kitchen: RpcClient<KitchenPatternMap>,
    @InjectRpcClient(BillingService) billing: RpcClient<BillingPatternMap>,
  ) {
    const t = { timeoutMs: PING_TIMEOUT_MS };
    this.pings = [
      ['menu', () => menu.send(MenuPatterns.PING, {}, t)],
      ['order', () => order.send(OrderPatterns.PING, {}, t)],
      ['kitchen', () => kitchen.send(KitchenPatterns.PING, {}, t)],
      ['billing', () => billing.send(BillingPatterns.PING, {}, t)],
    ];
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    return this.pings.map(([name, ping]) => async () => {
      const check = this.indicator.check(name);
      try {
        await ping();
        return check.up();
      } catch (err) {
        return check.down({ code: err instanceof UpstreamError ? err.payload.code : 'UPSTREAM_ERROR' });
      }
    });
  }
}
