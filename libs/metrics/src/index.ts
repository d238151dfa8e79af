export { LabelChildren } from './lib/label-children';
export { LATENCY_BUCKETS } from './lib/latency-buckets';
export { listenForScrapes, METRICS_PATH } from './lib/metrics-listener';
export type { MetricsListener, MetricsSource } from './lib/metrics-listener';
export { RpcClientMetrics } from './lib/rpc-client-metrics';
export type { WatchedClient, WatchedClients } from './lib/rpc-client-metrics';
export { ServiceMetrics } from './lib/service-metrics';
export type { HandledOutcome } from './lib/service-metrics';
