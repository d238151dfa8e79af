import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrors, DomainError } from '@pizza/contracts-common';

/** Flattens class-validator errors into "items.0.quantity: must not be greater than 20". */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...describeValidationErrors(e.children ?? [], path)];
  });
}

/**
 * Services validate what they receive too: they can be reached on the internal
 * network without going through the gateway. Same rules as the gateway's pipe.
 */
export function createRpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => new DomainError(CommonErrors.VALIDATION_FAILED, 'Invalid message payload', describeValidationErrors(errors)),
  });
}
