import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { createValidationPipe, describeValidationErrors, JsonValidationPipe } from './rpc-validation.pipe';

class LineDto {
  @Matches(/^[a-z-]+$/)
  pizzaId!: string;

  @IsInt()
  @Min(1)
  @Max(20)
  quantity!: number;
}

class OrderDto {
  @IsString()
  note!: string;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => LineDto)
  items!: LineDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: OrderDto, data: '' };
const valid = () => ({ note: 'ring twice', items: [{ pizzaId: 'margherita', quantity: 2 }] });

/** What a pipe answers: the value it returns, or the refusal it throws (code and messages). */
async function outcome(pipe: ValidationPipe, value: unknown, metadata = body): Promise<unknown> {
  try {
    return { value: await pipe.transform(value, metadata) };
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, errors: e.details };
    throw e;
  }
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe('Invalid request');
  // Nest's own pipe with the same options: the short way must answer as it does.
  const nest = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new DomainError(CommonErrors.VALIDATION_FAILED, 'Invalid request', describeValidationErrors(errors)),
  });

  it('is the JSON short way', () => {
    expect(pipe).toBeInstanceOf(JsonValidationPipe);
  });

  it('returns an instance of the DTO, nested DTOs included', async () => {
    const dto = (await pipe.transform(valid(), body)) as OrderDto;
    expect(dto).toBeInstanceOf(OrderDto);
    expect(dto.items[0]).toBeInstanceOf(LineDto);
    expect(dto).toEqual(valid());
  });

  it.each([
    ['a wrong type deep down', { note: 'x', items: [{ pizzaId: 'margherita', quantity: '2' }] }],
    ['a value out of range', { note: 'x', items: [{ pizzaId: 'margherita', quantity: 21 }] }],
    ['an unknown field', { ...valid(), discount: 100 }],
    ['an unknown nested field', { note: 'x', items: [{ pizzaId: 'margherita', quantity: 1, priceCents: 1 }] }],
    ['a missing field', { items: [{ pizzaId: 'margherita', quantity: 1 }] }],
    ['an empty list', { note: 'x', items: [] }],
    ['a list in place of the object', [valid()]],
    ['a string in place of the object', 'margherita'],
    ['null', null],
    ['nothing', undefined],
  ])('refuses %s with the words of Nest’s own pipe', async (_what, value) => {
    const ours = await outcome(pipe, structuredClone(value));
    expect(ours).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([expect.any(String)]) });
    expect(ours).toEqual(await outcome(nest, structuredClone(value)));
  });

  it('tells a value of the wrong kind only that, not also the range or length it cannot be checked against', async () => {
    const errorsOf = async (value: unknown) => ((await outcome(pipe, value)) as { errors: string[] }).errors;
    expect(await errorsOf({ note: 'x', items: [{ pizzaId: 'margherita', quantity: '2' }] })).toEqual(['items.0.quantity: quantity must be an integer number']);
    // A value of the right kind still hears every rule it breaks.
    expect(await errorsOf({ note: 'x', items: [{ pizzaId: 'Margherita', quantity: 21 }] })).toEqual([
      'items.0.pizzaId: pizzaId must match /^[a-z-]+$/ regular expression',
      'items.0.quantity: quantity must not be greater than 20',
    ]);
  });

  it('strips prototype keys from the payload too, as Nest does, so no copy of it can carry them', async () => {
    const polluted = JSON.parse('{"note":"x","items":[{"pizzaId":"margherita","quantity":1,"constructor":{"prototype":{"admin":true}}}],"__proto__":{"admin":true}}');
    const dto = (await pipe.transform(polluted, body)) as OrderDto & { admin?: boolean };
    expect(Object.getPrototypeOf(dto)).toBe(OrderDto.prototype);
    expect(dto.admin).toBeUndefined();
    expect(Object.hasOwn(polluted, '__proto__')).toBe(false);
    expect(Object.hasOwn(polluted.items[0], 'constructor')).toBe(false);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('leaves what is not a DTO to Nest: primitives are transformed, custom decorators pass', async () => {
    expect(await pipe.transform('7', { type: 'param', metatype: Number, data: 'n' })).toBe(7);
    const trusted = { anything: true };
    expect(await pipe.transform(trusted, { type: 'custom', metatype: OrderDto })).toBe(trusted);
  });
});
