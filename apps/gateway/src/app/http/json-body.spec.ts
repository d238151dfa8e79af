import { JSON_ARRAY_TOO_LONG, JSON_TOO_DEEP, jsonShapeProblem } from './json-body';

describe('jsonShapeProblem', () => {
  const limits = (maxDepth: number, maxArrayLength = 1000) => ({ maxDepth, maxArrayLength });
  const order = '{"items":[{"pizzaId":"funghi","quantity":1}]}';

  it('accepts ordinary bodies at the depth limit, refuses one level more', () => {
    expect(jsonShapeProblem(order, limits(3))).toBeUndefined();
    expect(jsonShapeProblem(order, limits(2))).toBe(JSON_TOO_DEEP);
  });

  it('ignores brackets and commas inside strings, escaped quotes included', () => {
    expect(jsonShapeProblem('{"a":"[[[[{{{{\\",,,,[[[["}', limits(1, 2))).toBeUndefined();
  });

  it('finds a 10k-deep array, and stops at the first level past the limit', () => {
    expect(jsonShapeProblem('['.repeat(10_000) + ']'.repeat(10_000), limits(32))).toBe(JSON_TOO_DEEP);
    // Unbalanced garbage after the limit is never read.
    expect(jsonShapeProblem('{"a":{"b":{"c":' + '\\u0000'.repeat(5), limits(2))).toBe(JSON_TOO_DEEP);
  });

  it('counts the elements of each array on its own, nested arrays and objects apart', () => {
    const three = '[1,2,3]';
    expect(jsonShapeProblem(three, limits(8, 3))).toBeUndefined();
    expect(jsonShapeProblem(three, limits(8, 2))).toBe(JSON_ARRAY_TOO_LONG);
    // Commas of an object, or of an inner array, are not the outer array's.
    expect(jsonShapeProblem('[{"a":1,"b":2,"c":3},[1,2,3]]', limits(8, 3))).toBeUndefined();
    expect(jsonShapeProblem(`{"items":[${Array(48_000).fill(1).join(',')}]}`, limits(8, 1000))).toBe(JSON_ARRAY_TOO_LONG);
  });
});
