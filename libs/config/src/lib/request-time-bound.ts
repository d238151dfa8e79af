/** The options of a Node `http.Server` that bound the time a client has to send a whole request. */
export interface RequestTimeBound {
  requestTimeout: number;
  headersTimeout: number;
  connectionsCheckingInterval: number;
}

/**
 * A client gets `ms` to send its request, headers included, and is then answered 408 and cut off.
 * Node checks the bound every `connectionsCheckingInterval`, 30 s by default, which would stretch
 * a short bound: here every tenth of it, at least 100 ms and at most Node's 30 s.
 */
export function requestTimeBound(ms: number): RequestTimeBound {
  return { requestTimeout: ms, headersTimeout: ms, connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(ms / 10))) };
}
