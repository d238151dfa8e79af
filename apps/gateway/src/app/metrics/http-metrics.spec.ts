import Fastify, { type FastifyInstance } from 'fastify';
import { GatewayMetrics } from './gateway-metrics';
import { observeAnswers } from '../http/answered';
import { httpMetricsObserver } from './http-metrics';

/** The value of one series in the Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('HTTP metrics', () => {
  let app: FastifyInstance;
  let metrics: GatewayMetrics;
  const answered: Array<() => void> = [];

  beforeEach(async () => {
    metrics = new GatewayMetrics();
    app = Fastify();
    observeAnswers(app, [httpMetricsObserver(metrics)]);
    // onResponse runs once the answer is written, maybe after the client has read it: wait for it.
    app.addHook('onResponse', (_request, _reply, done) => (answered.shift()?.(), done()));
    app.get('/v1/menu/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      if (id === 'hawaii') return reply.status(404).send({ code: 'MENU.PIZZA_NOT_FOUND' });
      if (id === 'cached') void reply.header('x-cache', 'HIT');
      return { id };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => app.close());

  /** Over real HTTP (light-my-request's inject does not load under Jest's CommonJS). */
  const get = async (path: string) => {
    const { port } = app.server.address() as { port: number };
    const hooksRan = new Promise<void>((resolve) => answered.push(resolve));
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    await res.text();
    await hooksRan;
    return res.status;
  };

  it('counts answers by route template and status, never by raw URL', async () => {
    expect(await get('/v1/menu/margherita')).toBe(200);
    expect(await get('/v1/menu/marinara')).toBe(200);
    expect(await get('/v1/menu/hawaii')).toBe(404);
    expect(await get('/no/such/route/4711')).toBe(404);
    const text = await metrics.exposition();
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/v1/menu/:id",status_code="200"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/v1/menu/:id",status_code="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}')).toBe(1);
    // A caller cannot add series: what it sends in the URL is not a label.
    expect(text).not.toMatch(/margherita|marinara|hawaii|4711/);
  });

  it('records how long the answer took, in seconds', async () => {
    await get('/v1/menu/margherita');
    const text = await metrics.exposition();
    const sum = sample(text, 'http_request_duration_seconds_sum{method="GET",route="/v1/menu/:id",status_code="200"}');
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(5);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/menu/:id",status_code="200"}')).toBe(1);
  });

  it('counts the response cache results from the X-Cache header', async () => {
    await get('/v1/menu/cached');
    await get('/v1/menu/cached');
    await get('/v1/menu/margherita');
    const text = await metrics.exposition();
    expect(sample(text, 'http_cache_results_total{route="/v1/menu/:id",result="hit"}')).toBe(2);
    expect(text).not.toContain('result="miss"');
  });
});
