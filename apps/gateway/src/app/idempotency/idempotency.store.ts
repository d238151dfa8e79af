export interface StoredResponse {
  status: number;
  body: unknown;
}

export type BeginResult =
  | { kind: 'started' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: StoredResponse };

/**
 * Remembers what was answered to an Idempotency-Key. `begin` is atomic: of two
 * concurrent requests with one key, exactly one gets `started`.
 */
export interface IdempotencyStore {
  /**
   * `inFlightMs`: how long the key stays held if its request never completes (its gateway died):
   * no longer than that request could still be running.
   */
  begin(key: string, fingerprint: string, inFlightMs: number): Promise<BeginResult>;
  complete(key: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** The request failed without a result worth replaying: the key may be used again. */
  abandon(key: string): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
