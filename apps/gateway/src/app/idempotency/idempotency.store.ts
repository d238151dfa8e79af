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
  begin(key: string, fingerprint: string, ttlMs: number): Promise<BeginResult>;
  complete(key: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** The request failed without a result worth replaying: the key may be used again. */
  abandon(key: string): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
