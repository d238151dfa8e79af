import { Registry } from 'prom-client';
import { RpcClientMetrics } from './rpc-client-metrics';

/** One series' value from the registry, by metric name and labels (undefined when absent). */
async function value(registry: Registry, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))?.value;
}

describe('RpcClientMetrics', () => {
  let registry: Registry;
  let metrics: RpcClientMetrics;
  beforeEach(() => {
    registry = new Registry();
    metrics = new RpcClientMetrics(registry);
  });

  it('records calls by service, pattern and outcome, with their duration', async () => {
    metrics.called('menu', 'menu.pizza.get', 'ok', 0.002);
    metrics.called('menu', 'menu.pizza.get', 'ok', 0.003);
    metrics.called('menu', 'menu.pizza.get', 'timeout', 1.5);
    const ok = { service: 'menu', pattern: 'menu.pizza.get', outcome: 'ok' };
    expect(await value(registry, 'rpc_client_duration_seconds', { ...ok, le: '+Inf' })).toBe(2);
    expect(await value(registry, 'rpc_client_duration_seconds', { ...ok, le: '0.0025' })).toBe(1);
    expect(await value(registry, 'rpc_client_duration_seconds', { ...ok, outcome: 'timeout', le: '1' })).toBe(0);
    expect(await value(registry, 'rpc_client_duration_seconds', { ...ok, outcome: 'timeout', le: '2.5' })).toBe(1);
  });

  it('counts retries', async () => {
    metrics.retried('menu', 'menu.pizza.get');
    metrics.retried('menu', 'menu.pizza.get');
    expect(await value(registry, 'rpc_client_retries_total', { service: 'menu', pattern: 'menu.pizza.get' })).toBe(2);
  });

  it('reads breaker states, instances and calls in flight of the watched clients when scraped', async () => {
    const clients = new Map([
      ['menu', { breakerState: 'closed', instances: { total: 2, healthy: 2 }, inFlight: 0 }],
      ['billing', { breakerState: 'open', instances: { total: 2, healthy: 1 }, inFlight: 3 }],
      ['kitchen', { breakerState: 'none', instances: { total: 1, healthy: 1 }, inFlight: 0 }],
    ]);
    metrics.watchClients(() => clients);
    expect(await value(registry, 'circuit_breaker_state', { service: 'menu' })).toBe(0);
    expect(await value(registry, 'circuit_breaker_state', { service: 'billing' })).toBe(2);
    expect(await value(registry, 'circuit_breaker_state', { service: 'kitchen' })).toBe(-1);
    expect(await value(registry, 'rpc_client_instances', { service: 'billing', state: 'ejected' })).toBe(1);
    expect(await value(registry, 'rpc_client_in_flight', { service: 'billing' })).toBe(3);
    // The state is read at each scrape, not remembered from the first.
    clients.set('billing', { breakerState: 'closed', instances: { total: 2, healthy: 2 }, inFlight: 0 });
    expect(await value(registry, 'circuit_breaker_state', { service: 'billing' })).toBe(0);
    expect(await value(registry, 'rpc_client_instances', { service: 'billing', state: 'ejected' })).toBe(0);
    expect(await value(registry, 'rpc_client_in_flight', { service: 'billing' })).toBe(0);
  });
});
