/**
 * How long a readiness check waits for a service's ping RPC or for NATS's PING (Redis has
 * REDIS_TIMEOUT_MS): inside an orchestrator probe's usual 1 s to 2 s timeout.
 */
export const PING_TIMEOUT_MS = 1000;
