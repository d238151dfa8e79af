/**
 * Caps retries at a share of traffic (a token bucket, like Envoy's retry budget
 * and Finagle's): every call earns `ratio` of a retry, a retry spends one. Under
 * a full outage retries therefore add at most ~ratio extra load instead of
 * multiplying it. A small reserve lets the first failures of a quiet service retry.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    private readonly ratio: number,
    private readonly reserve = 3,
    private readonly cap = 10,
  ) {
    this.tokens = reserve;
  }

  /** Called once per logical call. */
  deposit(): void {
    this.tokens = Math.min(this.cap, this.tokens + this.ratio);
  }

  /** True, and spends a token, when a retry is allowed now. */
  tryWithdraw(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  get available(): number {
    return this.tokens;
  }

  get initialReserve(): number {
    return this.reserve;
  }
}
