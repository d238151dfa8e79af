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
 * One set of rules for the gateway (HTTP bodies) and the services (message
 * payloads): services validate too, as they can be reached on the internal
 * network without going through the gateway. Unknown fields are refused.
 */
export function createValidationPipe(detail = 'Invalid message payload'): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Custom parameter decorators (the gateway's @RequestMeta) build trusted values: nothing to validate.
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new DomainError(CommonErrors.VALIDATION_FAILED, detail, describeValidationErrors(errors)),
  });
}
