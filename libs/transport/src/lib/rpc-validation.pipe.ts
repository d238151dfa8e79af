import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';

/** Constraints on a value's kind: when one fails, the value's range, length or form are beside the point. */
const KIND_CONSTRAINTS = new Set(['isArray', 'isBoolean', 'isInt', 'isNumber', 'isObject', 'isString']);

/**
 * Flattens class-validator errors into "items.0.quantity: quantity must not be greater than 20". A
 * value of the wrong kind is told only that (`"2"`: "must be an integer number", not also "must not
 * be greater than 20" and "must not be less than 1", which a client would read as the problem).
 */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    const kind = constraints.filter(([name]) => KIND_CONSTRAINTS.has(name));
    const own = (kind.length ? kind : constraints).map(([, message]) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Nest's ValidationPipe with a short way through for what every payload here is:
 * a plain object parsed from JSON (HTTP bodies, TCP frames, NATS messages).
 *
 * For a value of any kind, Nest's pipe guards against what JSON cannot hold
 * (sparse arrays, binary values, primitives standing in for objects) and awaits
 * three times; on `menu.pizza.get` that was a third of menu-service's CPU, for a
 * one-field DTO (7 us, against 3.7 us here). The short way keeps what matters
 * with JSON: prototype keys stripped first, then the same class-transformer and
 * class-validator calls with the same options. Anything else (a primitive, an
 * array, a class instance) and any payload that fails goes through Nest's pipe
 * as it is, so refusals read exactly as Nest words them.
 */
export class JsonValidationPipe extends ValidationPipe {
  private shortOptions?: ValidatorOptions;

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (!metatype || !this.isTransformEnabled || this.expectedType || !isPlainObject(value) || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    this.stripProtoKeys(value);
    const entity = plainToInstance(metatype, value, this.transformOptions) as object;
    // As Nest's pipe: an error does not carry the whole object it was found in.
    this.shortOptions ??= { ...this.validatorOptions, validationError: { target: false, ...this.validatorOptions.validationError } };
    const errors = await validate(entity, this.shortOptions);
    return errors.length === 0 ? entity : super.transform(value, metadata);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One set of rules for the gateway (HTTP bodies) and the services (message
 * payloads): services validate too, as they can be reached on the internal
 * network without going through the gateway. Unknown fields are refused.
 */
export function createValidationPipe(detail = 'Invalid message payload'): ValidationPipe {
  return new JsonValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Custom parameter decorators (the gateway's @RequestMeta) build trusted values: nothing to validate.
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new DomainError(CommonErrors.VALIDATION_FAILED, detail, describeValidationErrors(errors)),
  });
}
