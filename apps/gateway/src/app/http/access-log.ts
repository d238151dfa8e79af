import type { LoggerService } from '@nestjs/common';
import type { Principal } from '@pizza/contracts-common';
import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { AnswerObserver } from './answered';

/** Longest path written to a line: the rest is cut (a caller controls it). */
const MAX_PATH = 256;

/** Kubernetes-style probes answer every few seconds: a healthy answer is not news. */
const isHealthyProbe = (request: FastifyRequest, status: number) => status < 300 && request.url.startsWith('/health/');

/** The path without its query string: a query may carry what should not be kept in logs. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

export interface AccessEntry {
  method: string;
  path: string;
  /** The route template; undefined when no route matched. */
  route?: string;
  status: number;
  ms: number;
  requestId: string;
  ip: string;
  /** The authenticated caller (user or API key), if any. */
  caller?: string;
}

export type AccessLogWriter = (entry: AccessEntry) => void;

/** Development: one readable line through Nest's logger. */
export function textAccessLog(logger: LoggerService): AccessLogWriter {
  return (e) => logger.log(`${e.method} ${e.path} ${e.status} ${e.ms}ms id=${e.requestId} ip=${e.ip}${e.caller ? ` caller=${e.caller}` : ''}`);
}

/**
 * JSON logs (production): pino, with the keys of the rest of the JSON logs
 * (level, pid, timestamp, context) and the entry's fields beside them. Written
 * asynchronously: lines that arrive while a write is in flight leave together in
 * the next one. A line per request written synchronously (Nest's console logger)
 * cost ~18% of the gateway's throughput; pino flushes what is left at exit.
 */
export function jsonAccessLog(destination: DestinationStream = pino.destination({ dest: 1, sync: false })): AccessLogWriter {
  const log = pino(
    {
      base: { pid: process.pid, context: 'Access' },
      timestamp: () => `,"timestamp":${Date.now()}`,
      formatters: { level: () => ({ level: 'log' }) },
    },
    destination,
  );
  return (entry) => log.info(entry);
}

/**
 * One access line per answer once it is sent (see observeAnswers), whichever step
 * answered: method, path, route template, status, duration, request id (the
 * X-Request-Id the client sees and the services log), client IP and the
 * authenticated caller. Never headers, bodies or query strings.
 */
export function accessLogObserver(write: AccessLogWriter): AnswerObserver {
  return (request, reply) => {
    const status = reply.statusCode;
    if (isHealthyProbe(request, status)) return;
    write({
      method: request.method,
      path: pathOf(request.url),
      route: request.routeOptions.url,
      status,
      ms: Math.round(reply.elapsedTime * 100) / 100,
      requestId: request.id,
      ip: request.clientIp,
      caller: (request as { user?: Principal }).user?.sub,
    });
  };
}
