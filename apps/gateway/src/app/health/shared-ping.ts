/**
 * How long one round of service pings answers for every readiness request. /health/ready is
 * public and not rate limited (load balancers and orchestrators call it), and each round pings
 * every instance of every service: without sharing, a flood of it from one client became a
 * flood of RPCs on every service.
 */
export const PING_FRESH_MS = 1000;

/**
 * A ping many callers share: while one runs, callers get its promise; once it has settled, its
 * outcome stands for `freshMs` (so an answer is never older than that), then the next caller
 * starts a new one.
 */
export function sharedPing<T>(ping: () => Promise<T>, freshMs = PING_FRESH_MS, now: () => number = Date.now): () => Promise<T> {
  let running: Promise<T> | undefined;
  let last: { at: number; outcome: Promise<T> } | undefined;
  return () => {
    if (running) return running;
    if (last && now() - last.at < freshMs) return last.outcome;
    const outcome = ping();
    running = outcome;
    const settled = () => {
      running = undefined;
      last = { at: now(), outcome };
    };
    outcome.then(settled, settled);
    return outcome;
  };
}
