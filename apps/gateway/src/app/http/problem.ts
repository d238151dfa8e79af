import { CommonErrors, DomainError, type ErrorDescriptor } from '@pizza/contracts-common';
import { UpstreamError } from '@pizza/transport';
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { JSON_ARRAY_TOO_LONG, JSON_FORBIDDEN_KEY, JSON_TOO_DEEP } from './json-body';

/** The detail of every 400 VALIDATION_FAILED the gateway itself raises (body DTOs and path ids alike). */
export const INVALID_REQUEST = 'The request is invalid';

/** RFC 9457 problem details, plus our stable `code` and the validation `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: string[];
  /** With 503 from an open circuit (ours, or one behind the service called): when calling again makes sense (also sent as Retry-After, in seconds). */
  retryAfterMs?: number;
}

/** Statuses a service may hand to a client as they are; anything else from upstream becomes 502. */
const CLIENT_STATUSES = new Set([400, 401, 402, 403, 404, 409, 422]);

const BY_STATUS: Record<number, ErrorDescriptor> = {
  400: CommonErrors.VALIDATION_FAILED,
  401: CommonErrors.UNAUTHENTICATED,
  403: CommonErrors.FORBIDDEN,
  404: CommonErrors.NOT_FOUND,
  405: CommonErrors.METHOD_NOT_ALLOWED,
  413: CommonErrors.PAYLOAD_TOO_LARGE,
  414: CommonErrors.URI_TOO_LONG,
  415: CommonErrors.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrors.TOO_MANY_REQUESTS,
};

/** Fastify's own request errors (raised before any route runs, the router's included: see RouterErrors). */
const FASTIFY_CODES: Record<string, [ErrorDescriptor, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [CommonErrors.MALFORMED_JSON, 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [CommonErrors.MALFORMED_JSON, 'The request body is empty but declared as JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [CommonErrors.PAYLOAD_TOO_LARGE, 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [CommonErrors.UNSUPPORTED_MEDIA_TYPE, 'Send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [CommonErrors.VALIDATION_FAILED, 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [CommonErrors.VALIDATION_FAILED, 'The URL is not valid: a percent-encoded character is malformed'],
  FST_ERR_MAX_PARAM_LENGTH: [CommonErrors.URI_TOO_LONG, 'A path segment is too long'],
  [JSON_TOO_DEEP]: [CommonErrors.JSON_TOO_DEEP, 'The JSON body nests too deeply'],
  [JSON_ARRAY_TOO_LONG]: [CommonErrors.JSON_ARRAY_TOO_LONG, 'A JSON array in the body has too many elements'],
  [JSON_FORBIDDEN_KEY]: [CommonErrors.JSON_FORBIDDEN_KEY, 'The JSON body has a __proto__ or constructor.prototype key, which is refused (prototype pollution)'],
};

const GENERIC_5XX = 'An unexpected error occurred';

/** The problem body of an error code (its type URN, title and status) with a detail for the client. */
export function problem(d: ErrorDescriptor, detail: string, errors?: string[]): Problem {
  return {
    type: `urn:pizza-gateway:problem:${d.code.toLowerCase().replace(/[._]/g, '-')}`,
    title: STATUS_CODES[d.status] ?? 'Error',
    status: d.status,
    detail,
    code: d.code,
    ...(errors?.length ? { errors } : {}),
  };
}

const withRetryAfter = (p: Problem, retryAfterMs: number | undefined): Problem => (retryAfterMs === undefined ? p : { ...p, retryAfterMs });

const asStrings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/**
 * The whole error policy of the gateway in one function: what each failure looks
 * like to a client. Never includes a stack trace or an internal message; 5xx
 * details are generic. `unexpected` tells the caller to log the original.
 */
export function toProblem(exception: unknown): { problem: Problem; unexpected: boolean } {
  if (exception instanceof DomainError) {
    // A 503 of the gateway's own is a known state (a store it must check cannot be reached: see
    // failClosed), said to the client in the message written for it; its cause is logged where it
    // is met, once, not as an incident per request. Any other 5xx of its own is a bug.
    const known = exception.status < 500 || exception.status === 503;
    return { problem: problem(exception, known ? exception.message : GENERIC_5XX, asStrings(exception.details)), unexpected: !known };
  }
  if (exception instanceof UpstreamError) {
    const p = exception.payload;
    switch (exception.failure) {
      case 'rejected':
        if (CLIENT_STATUSES.has(p.status)) return { problem: problem(p, p.message, asStrings(p.details)), unexpected: false };
        // A service relaying its own call's failure; an open breaker behind it asks for a wait, as ours does.
        if (p.status === 503 || p.status === 504) return { problem: withRetryAfter(problem(p, p.message), exception.retryAfterMs), unexpected: false };
        return { problem: problem(CommonErrors.UPSTREAM_ERROR, `The ${exception.service} service failed`), unexpected: true };
      case 'circuit-open':
        return { problem: withRetryAfter(problem(p, p.message), exception.retryAfterMs ?? 0), unexpected: false };
      case 'timeout':
      case 'unavailable':
      case 'overloaded':
        return { problem: problem(p, p.message), unexpected: false };
      default:
        return { problem: problem(CommonErrors.UPSTREAM_ERROR, `The ${exception.service} service failed`), unexpected: true };
    }
  }
  // Fastify's own errors (body parsing) reach the filter wrapped in an HttpException.
  const fastify = (exception instanceof HttpException ? exception.cause : exception) as { code?: unknown; statusCode?: unknown } | undefined;
  if (typeof fastify?.code === 'string' && FASTIFY_CODES[fastify.code]) {
    const [d, detail] = FASTIFY_CODES[fastify.code];
    return { problem: problem(d, detail), unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const d = BY_STATUS[status] ?? (status >= 500 ? CommonErrors.INTERNAL : { code: 'HTTP_' + status, status });
    return { problem: problem(d, status >= 500 ? GENERIC_5XX : exception.message), unexpected: status >= 500 };
  }
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const d = BY_STATUS[fastify.statusCode] ?? { code: 'HTTP_' + fastify.statusCode, status: fastify.statusCode };
    return { problem: problem(d, STATUS_CODES[fastify.statusCode] ?? 'Bad request'), unexpected: false };
  }
  return { problem: problem(CommonErrors.INTERNAL, GENERIC_5XX), unexpected: true };
}
