import type { ListTicketsRequest } from '@pizza/contracts-kitchen';
import { answerPage, nextLink } from './next-link';

describe('nextLink', () => {
  it('names the page after this one, asked as this one was (limit and filters kept)', () => {
    expect(nextLink('/v1/orders', { limit: 20, after: 'old' }, 'abc_-1')).toBe('</v1/orders?limit=20&after=abc_-1>; rel="next"');
    expect(nextLink('/v1/orders', {}, 'abc')).toBe('</v1/orders?after=abc>; rel="next"');
    const queue: ListTicketsRequest = { status: ['queued', 'preparing'], limit: undefined };
    expect(nextLink('/v1/kitchen/tickets', queue, 'abc')).toBe('</v1/kitchen/tickets?status=queued%2Cpreparing&after=abc>; rel="next"');
  });
});

describe('answerPage', () => {
  it('answers the items, with Link only when there is a next page', () => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) } as never;
    expect(answerPage(reply, '/v1/orders', {}, { items: [1, 2], next: null })).toEqual([1, 2]);
    expect(headers).toEqual({});
    expect(answerPage(reply, '/v1/orders', { limit: 2 }, { items: [1, 2], next: 'n' })).toEqual([1, 2]);
    expect(headers).toEqual({ link: '</v1/orders?limit=2&after=n>; rel="next"' });
  });
});
