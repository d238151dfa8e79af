import { nextLink } from './next-link';

describe('nextLink', () => {
  it('names the page after this one, keeping the limit the client asked for', () => {
    expect(nextLink('/v1/orders', { limit: 20, after: 'old' }, 'abc_-1')).toBe('</v1/orders?limit=20&after=abc_-1>; rel="next"');
    expect(nextLink('/v1/orders', {}, 'abc')).toBe('</v1/orders?after=abc>; rel="next"');
  });
});
