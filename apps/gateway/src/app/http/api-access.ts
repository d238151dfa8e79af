import type { Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { IS_PUBLIC, ROLES, SCOPES } from '@pizza/auth';
import { NO_RATE_LIMIT } from '../rate-limit/rate-limit.decorators';

/** The schemes the document declares (DocumentBuilder in api-docs.ts). */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const PROBLEM_SCHEMA = 'Problem';
const problemResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } },
});

/** RFC 9457 as the gateway writes it (http/problem.ts). */
const problemSchema: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:pizza-gateway:problem:validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', example: 'VALIDATION_FAILED', description: 'Stable, machine-readable: what a client branches on' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'string' } },
    retryAfterMs: { type: 'integer', description: 'With a 503 from an open circuit breaker: when calling again makes sense, in ms' },
  },
};

/** A route of the application: its controller and the method that handles it. */
export interface RouteHandler {
  controller: Type<unknown>;
  method: string;
}

/**
 * What the document says of who may call each route, read from the metadata the guards enforce
 * (@Public, @Roles, @Scopes, @NoRateLimit), so the two cannot disagree: a route that is not public
 * requires a bearer token or an API key (without it, the docs UI sends neither, and "Try it out"
 * reads 401 after "Authorize"), names its roles and scopes, and lists 401 and 403; a limited route
 * lists 429; every route gives its other errors as application/problem+json.
 */
export function describeAccess(document: OpenAPIObject, routes: RouteHandler[], reflector: Reflector): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: problemSchema } };
  const operations = new Map<string, OperationObject>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as unknown[]) {
      const op = operation as OperationObject;
      if (op?.operationId) operations.set(op.operationId, op);
    }
  }
  for (const { controller, method } of routes) {
    // @nestjs/swagger's default operation id.
    const op = operations.get(`${controller.name}_${method}`);
    if (!op) continue;
    const targets = [controller.prototype[method] as () => unknown, controller];
    const responses = op.responses;
    if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      op.security = [];
    } else {
      op.security = [{ [BEARER_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }];
      const roles = reflector.getAllAndOverride<string[]>(ROLES, targets);
      const scopes = reflector.getAllAndOverride<string[]>(SCOPES, targets);
      const access = [roles?.length ? `Roles: ${roles.join(', ')}.` : 'Any signed-in user.', scopes?.length ? `An API key needs the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}.` : ''];
      op.description = [op.description, ...access].filter(Boolean).join(' ');
      responses['401'] ??= problemResponse('UNAUTHENTICATED: no valid bearer token or API key');
      responses['403'] ??= problemResponse('FORBIDDEN: the caller lacks the role or scope');
    }
    if (!reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, targets)) responses['429'] ??= problemResponse('TOO_MANY_REQUESTS: past a rate limit (Retry-After says when to retry)');
    responses['default'] ??= problemResponse('Any other error: 400 invalid input, 404, 503 a service unavailable or its breaker open, 504 past the deadline');
    // An error a route declares itself (@Idempotent's 409 and 422) is a problem too.
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) responses[status] = problemResponse(response.description);
    }
  }
}
