/**
 * An error that may cross a process boundary. `instanceof` does not survive
 * serialisation, so every error carries a stable string code and the HTTP status
 * the gateway should answer with.
 */
export interface ErrorDescriptor {
  readonly code: string;
  readonly status: number;
}

/** What a service puts on the wire when a command fails. */
export interface RpcErrorPayload {
  code: string;
  message: string;
  status: number;
  details?: unknown;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && typeof v['message'] === 'string' && typeof v['status'] === 'number';
}
