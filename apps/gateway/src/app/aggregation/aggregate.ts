import { CommonErrors } from '@pizza/contracts-common';
import { UpstreamError } from '@pizza/transport';

export interface PartSpec<TCtx, T> {
  /** A required part failing fails the whole response; an optional one becomes null plus an `errors` entry. */
  required: boolean;
  /** Must honour the deadline it is given. */
  fetch: (ctx: TCtx, deadlineMs: number) => Promise<T>;
}

export interface AggregateSpec<TCtx, TParts extends Record<string, unknown>> {
  /** Every part runs concurrently against this one deadline. */
  deadlineMs: number;
  parts: { [K in keyof TParts]: PartSpec<TCtx, TParts[K]> };
}

export interface PartError {
  part: string;
  code: string;
}

export type Aggregated<TParts extends Record<string, unknown>> = { [K in keyof TParts]: TParts[K] | null } & { errors: PartError[] };

const codeOf = (err: unknown): string => (err instanceof UpstreamError ? err.payload.code : CommonErrors.UPSTREAM_ERROR.code);

/**
 * Calls every part at once and assembles what came back. The partial-failure
 * rule is data (the spec), not code spread through handlers. `deadlineMs`
 * replaces the spec's for this call (a route's own deadline).
 */
export async function aggregate<TCtx, TParts extends Record<string, unknown>>(
  spec: AggregateSpec<TCtx, TParts>,
  ctx: TCtx,
  deadlineMs = spec.deadlineMs,
): Promise<Aggregated<TParts>> {
  const names = Object.keys(spec.parts) as (keyof TParts & string)[];
  const settled = await Promise.allSettled(names.map((name) => withDeadline(spec.parts[name].fetch(ctx, deadlineMs), deadlineMs, name)));
  const result = { errors: [] as PartError[] } as Aggregated<TParts>;
  settled.forEach((outcome, i) => {
    const name = names[i];
    if (outcome.status === 'fulfilled') {
      (result as Record<string, unknown>)[name] = outcome.value ?? null;
      return;
    }
    if (spec.parts[name].required) throw outcome.reason;
    (result as Record<string, unknown>)[name] = null;
    result.errors.push({ part: name, code: codeOf(outcome.reason) });
  });
  return result;
}

/** A backstop in case a fetcher ignores its deadline: nobody waits past it. */
function withDeadline<T>(promise: Promise<T>, ms: number, part: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(UpstreamError.timeout(part, 'aggregate', ms)), ms + 50);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
