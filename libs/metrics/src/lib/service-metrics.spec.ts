import { ServiceMetrics } from './service-metrics';

/** The value of one series in the Prometheus text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('ServiceMetrics', () => {
  it('counts handled messages by pattern and outcome, every series labelled with the service', async () => {
    const metrics = new ServiceMetrics('menu');
    metrics.handled('menu.pizza.get', 'ok', 0.002);
    metrics.handled('menu.pizza.get', 'ok', 0.004);
    metrics.handled('menu.pizza.get', 'rejected', 0.001);
    const text = await metrics.exposition();
    expect(sample(text, 'rpc_server_duration_seconds_count{service="menu",pattern="menu.pizza.get",outcome="ok"}')).toBe(2);
    expect(sample(text, 'rpc_server_duration_seconds_sum{service="menu",pattern="menu.pizza.get",outcome="ok"}')).toBeCloseTo(0.006);
    expect(sample(text, 'rpc_server_duration_seconds_count{service="menu",pattern="menu.pizza.get",outcome="rejected"}')).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{service="menu"\} /m);
  });

  it('records the calls the service makes to others, labelled with the service called', async () => {
    const metrics = new ServiceMetrics('order');
    metrics.clients.called('menu', 'menu.pizza.quote', 'ok', 0.003);
    const text = await metrics.exposition();
    expect(sample(text, 'rpc_client_duration_seconds_count{service="menu",pattern="menu.pizza.quote",outcome="ok"}')).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{service="order"\} /m);
  });

  it('keeps each instance to its own registry', async () => {
    const a = new ServiceMetrics('order');
    const b = new ServiceMetrics('order');
    a.handled('order.order.get', 'ok', 0.001);
    expect(await b.exposition()).not.toContain('order.order.get');
  });
});
