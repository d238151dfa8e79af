import { jsonNestsDeeperThan } from './json-body';

describe('jsonNestsDeeperThan', () => {
  it('accepts ordinary bodies at the limit', () => {
    expect(jsonNestsDeeperThan('{"items":[{"pizzaId":"funghi","quantity":1}]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"items":[{"pizzaId":"funghi","quantity":1}]}', 2)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan('{"a":"[[[[{{{{\\"[[[["}', 1)).toBe(false);
  });

  it('finds a 10k-deep array, and stops at the first level past the limit', () => {
    expect(jsonNestsDeeperThan('['.repeat(10_000) + ']'.repeat(10_000), 32)).toBe(true);
    // Unbalanced garbage after the limit is never read.
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":' + '\u0000'.repeat(5), 2)).toBe(true);
  });
});
