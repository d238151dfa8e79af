/**
 * Settles with `work`, or rejects once `ms` have passed without an answer.
 *
 * When the timer fires, the verdict waits one turn of the event loop (setImmediate
 * runs after the I/O poll phase), so an answer that already arrived while this
 * process was busy still wins. Without that, a burst that saturates the event loop
 * would time out answers a store gave in time: the rate limiter would fail open
 * exactly when it is needed most.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let verdict: NodeJS.Immediate | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          verdict = setImmediate(() => reject(new Error(`${what} did not answer within ${ms} ms`)));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (verdict) clearImmediate(verdict);
  }
}
