export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * A key held by one request: `token` tells this request's marker from a later one's. A request
 * can outlive its marker (a stalled process); what it then writes must not land on another's.
 */
export interface Hold {
  key: string;
  fingerprint: string;
  token: string;
}

export type BeginResult =
  | { kind: 'started'; hold: Hold }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: StoredResponse };

/**
 * Remembers what was answered to an Idempotency-Key. `begin` is atomic: of two
 * concurrent requests with one key, exactly one gets `started`, and with it the hold.
 */
export interface IdempotencyStore {
  /**
   * `inFlightMs`: how long the key stays held if its request never completes (its gateway died):
   * no longer than that request could still be running.
   */
  begin(key: string, fingerprint: string, inFlightMs: number): Promise<BeginResult>;
  /**
   * Keeps the response for `ttlMs`, in place of the hold's marker. If the marker has expired and
   * the key is free, the response is kept all the same (a retry replays it); if another request
   * holds the key or has answered it, that one stays.
   */
  complete(hold: Hold, response: StoredResponse, ttlMs: number): Promise<void>;
  /** The request failed without a result worth replaying: the key may be used again, if it is still the hold's. */
  abandon(hold: Hold): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
