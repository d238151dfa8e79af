import { CommonErrors, DomainError, UUID_V4 } from '@pizza/contracts-common';
import { PIZZA_ID } from '@pizza/contracts-menu';
import { IdParamPipe } from './id-param.pipe';

describe('IdParamPipe', () => {
  const pizza = new IdParamPipe('id', PIZZA_ID);
  const order = new IdParamPipe('orderId', UUID_V4);

  it('passes ids that match their rule, unchanged', () => {
    expect(pizza.transform('margherita')).toBe('margherita');
    expect(order.transform('6f1c2a4e-3b7d-4c1e-9a2b-0d4e5f6a7b8c')).toBe('6f1c2a4e-3b7d-4c1e-9a2b-0d4e5f6a7b8c');
  });

  it.each([
    ['id', pizza, 'Margherita'],
    ['id', pizza, '../admin'],
    ['id', pizza, 'x'.repeat(65)],
    ['orderId', order, 'not-a-uuid'],
    ['orderId', order, '6f1c2a4e-3b7d-1c1e-9a2b-0d4e5f6a7b8c'],
  ])('refuses %s %#: 400 VALIDATION_FAILED naming the param', (name, pipe, value) => {
    let thrown: unknown;
    try {
      pipe.transform(value);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: CommonErrors.VALIDATION_FAILED.code, status: 400, details: [expect.stringMatching(new RegExp(`^${name}: ${name} must `))] });
  });

  it('refuses what is not a string (a repeated param arrives as an array)', () => {
    expect(() => pizza.transform(['margherita', 'diavola'])).toThrow(DomainError);
  });
});
