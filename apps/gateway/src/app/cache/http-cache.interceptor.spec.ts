import { etagOf } from './http-cache.interceptor';

describe('etagOf', () => {
  it('is stable for the same body and changes with it', () => {
    expect(etagOf({ a: 1 })).toBe(etagOf({ a: 1 }));
    expect(etagOf({ a: 1 })).not.toBe(etagOf({ a: 2 }));
    expect(etagOf([1, 2])).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });
});
