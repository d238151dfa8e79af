import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Errors a body of the wrong shape raises; the problem mapping turns them into 400s with these codes. */
export const JSON_TOO_DEEP = 'GW_JSON_TOO_DEEP';
export const JSON_ARRAY_TOO_LONG = 'GW_JSON_ARRAY_TOO_LONG';
export const JSON_FORBIDDEN_KEY = 'GW_JSON_FORBIDDEN_KEY';

export interface JsonShapeLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most elements in any one array. */
  maxArrayLength: number;
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COMMA = 0x2c; // ,

/**
 * What is wrong with the shape of `text`, if anything: nesting deeper than
 * maxDepth, or an array with more than maxArrayLength elements. One linear pass
 * over the raw text, before any parsing, stopping at the first excess: a 10k-deep
 * body or a 50k-element array costs microseconds here, where JSON.parse,
 * class-transformer and validation would spend recursion or a fifth of a second.
 */
export function jsonShapeProblem(text: string, limits: JsonShapeLimits): typeof JSON_TOO_DEEP | typeof JSON_ARRAY_TOO_LONG | undefined {
  // Per open container: whether it is an array, and the commas seen directly in it.
  const isArray: boolean[] = [];
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (isArray.length >= limits.maxDepth) return JSON_TOO_DEEP;
      isArray.push(c === OPEN_ARRAY);
      commas.push(0);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      commas.pop();
    } else if (c === COMMA && isArray[isArray.length - 1] && ++commas[commas.length - 1] >= limits.maxArrayLength) {
      return JSON_ARRAY_TOO_LONG;
    }
  }
  return undefined;
}

const SHAPE_MESSAGES = {
  [JSON_TOO_DEEP]: (l: JsonShapeLimits) => `JSON nests deeper than ${l.maxDepth} levels`,
  [JSON_ARRAY_TOO_LONG]: (l: JsonShapeLimits) => `a JSON array has more than ${l.maxArrayLength} elements`,
};

/** Whether `text` is JSON at all: asked only of a body Fastify's parser refused. */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * application/json for the gateway: size limit (413 past it, the route never runs),
 * shape limits (400), then Fastify's own parser, which refuses __proto__ and
 * constructor.prototype keys (prototype pollution). It gives both refusals one error; a body
 * that is valid JSON was refused for its keys, and is told so (400 JSON_FORBIDDEN_KEY) rather
 * than that it is not JSON.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, options: JsonShapeLimits & { bodyLimit: number }): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (request: FastifyRequest, body, done) => {
    const text = body as string;
    const problem = jsonShapeProblem(text, options);
    if (problem) {
      done(Object.assign(new Error(SHAPE_MESSAGES[problem](options)), { code: problem, statusCode: 400 }), undefined);
      return;
    }
    parse(request, text, (err, value) => {
      if (err && isJson(text)) {
        done(Object.assign(new Error('a __proto__ or constructor.prototype key'), { code: JSON_FORBIDDEN_KEY, statusCode: 400 }), undefined);
      } else done(err, value);
    });
  });
}
