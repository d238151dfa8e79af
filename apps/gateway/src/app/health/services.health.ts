import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BillingPatterns, BillingService, type BillingPatternMap } from '@pizza/contracts-billing';
import { KitchenPatterns, KitchenService, type KitchenPatternMap } from '@pizza/contracts-kitchen';
import { MenuPatterns, MenuService, type MenuPatternMap } from '@pizza/contracts-menu';
import { OrderPatterns, OrderService, type OrderPatternMap } from '@pizza/contracts-order';
import { InjectRpcClient, RpcClient, UpstreamError } from '@pizza/transport';
import { PING_TIMEOUT_MS } from './ping-timeout';
import { sharedPing } from './shared-ping';

/**
 * Readiness of each downstream service: a real ping RPC to each of its instances over the
 * configured transport; up while at least one answers (one of two instances restarting does
 * not take the gateway out of a load balancer). Details: its breaker state, how many of its
 * instances are in rotation and how many answered, and the calls waiting on it (`inFlight`, what
 * its bulkhead bounds). One round of pings serves every readiness request for PING_FRESH_MS
 * (sharedPing): a flood of /health/ready is not a flood on the services. The breaker, rotation and
 * in-flight details are read at each request.
 */
@Injectable()
export class ServicesHealth {
  private readonly pings: Array<[string, Pick<RpcClient, 'breakerState' | 'instances' | 'inFlight'>, () => Promise<number>]>;

  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectRpcClient(MenuService) menu: RpcClient<MenuPatternMap>,
    @InjectRpcClient(OrderService) order: RpcClient<OrderPatternMap>,
    @InjectRpcClient(KitchenService) kitchen: RpcClient<KitchenPatternMap>,
    @InjectRpcClient(BillingService) billing: RpcClient<BillingPatternMap>,
  ) {
    // A probe pings every instance past the breaker: it sees the service itself, not the breaker's memory of it.
    this.pings = [
      ['menu', menu, sharedPing(() => menu.probe(MenuPatterns.PING, {}, PING_TIMEOUT_MS))],
      ['order', order, sharedPing(() => order.probe(OrderPatterns.PING, {}, PING_TIMEOUT_MS))],
      ['kitchen', kitchen, sharedPing(() => kitchen.probe(KitchenPatterns.PING, {}, PING_TIMEOUT_MS))],
      ['billing', billing, sharedPing(() => billing.probe(BillingPatterns.PING, {}, PING_TIMEOUT_MS))],
    ];
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    return this.pings.map(([name, client, ping]) => async () => {
      const check = this.indicator.check(name);
      const details = { breaker: client.breakerState, instances: client.instances, inFlight: client.inFlight };
      try {
        const answering = await ping();
        return check.up({ ...details, instances: { ...details.instances, answering } });
      } catch (err) {
        return check.down({ ...details, code: err instanceof UpstreamError ? err.payload.code : 'UPSTREAM_ERROR' });
      }
    });
  }
}
