import { requestTimeBound } from './request-time-bound';

describe('requestTimeBound', () => {
  it('bounds headers and body by the same time, checked every tenth of it', () => {
    expect(requestTimeBound(30_000)).toEqual({ requestTimeout: 30_000, headersTimeout: 30_000, connectionsCheckingInterval: 3000 });
  });

  it('checks at least every 100 ms apart and at most every 30 s', () => {
    expect(requestTimeBound(500).connectionsCheckingInterval).toBe(100);
    expect(requestTimeBound(600_000).connectionsCheckingInterval).toBe(30_000);
  });
});
