import { GatewayMetrics } from './gateway-metrics';

/** The value of one series in the Prometheus text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GatewayMetrics', () => {
  it('counts answers by method, route template and status, and cache results by route', async () => {
    const metrics = new GatewayMetrics();
    metrics.httpAnswered('GET', '/v1/menu/:id', 200, 0.004);
    metrics.httpAnswered('GET', '/v1/menu/:id', 200, 0.006);
    metrics.cacheAnswered('/v1/menu/:id', 'hit');
    const text = await metrics.exposition();
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/v1/menu/:id",status_code="200"}')).toBe(2);
    expect(sample(text, 'http_cache_results_total{route="/v1/menu/:id",result="hit"}')).toBe(1);
  });

  it('counts connections refused before a request existed, by code', async () => {
    const metrics = new GatewayMetrics();
    metrics.clientRefused('REQUEST_TIMEOUT');
    metrics.clientRefused('REQUEST_TIMEOUT');
    expect(sample(await metrics.exposition(), 'http_client_errors_total{code="REQUEST_TIMEOUT"}')).toBe(2);
  });

  it('serves the calls to the services in the same registry', async () => {
    const metrics = new GatewayMetrics();
    metrics.clients.called('menu', 'menu.pizza.get', 'ok', 0.002);
    expect(sample(await metrics.exposition(), 'rpc_client_duration_seconds_count{service="menu",pattern="menu.pizza.get",outcome="ok"}')).toBe(1);
  });

  it('exposes Node process metrics in the Prometheus text format', async () => {
    const metrics = new GatewayMetrics();
    expect(metrics.contentType).toContain('text/plain');
    expect(await metrics.exposition()).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  });
});
