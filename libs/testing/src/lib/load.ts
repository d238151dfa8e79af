export interface Sample {
  startedAt: number;
  elapsedMs: number;
  /** HTTP status, or 0 when no response came back. */
  status: number;
  /** For status 0: the network error's code (ECONNREFUSED: never reached the server). */
  errorCode?: string;
  contentType?: string | null;
  body?: string;
}

export interface LoadOptions {
  concurrency: number;
  /** Keeps going while this returns true. */
  running: () => boolean;
  /** Where each sample goes as soon as it is taken (default: a new array). */
  samples?: Sample[];
}

/**
 * Closed-loop load for fault tests: `concurrency` workers each send one request
 * after the other until told to stop. Every outcome is recorded with its timing.
 */
export async function runLoad(send: () => Promise<Response>, options: LoadOptions): Promise<Sample[]> {
  const samples = options.samples ?? [];
  const worker = async () => {
    while (options.running()) {
      const startedAt = Date.now();
      try {
        const res = await send();
        const body = await res.text();
        samples.push({ startedAt, elapsedMs: Date.now() - startedAt, status: res.status, contentType: res.headers.get('content-type'), body });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        samples.push({ startedAt, elapsedMs: Date.now() - startedAt, status: 0, errorCode: cause?.code ?? (err as Error).message });
        // A refused connection returns at once: do not spin.
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return samples;
}

/**
 * Runs load in the background; stop() ends it and returns the samples. samples() are those taken
 * so far: a test waits for enough of them (waitFor), not for a span of time.
 */
export function startLoad(send: () => Promise<Response>, concurrency: number): { stop: () => Promise<Sample[]>; samples: () => Sample[] } {
  let running = true;
  const collected: Sample[] = [];
  const done = runLoad(send, { concurrency, running: () => running, samples: collected });
  return {
    stop: async () => {
      running = false;
      return done;
    },
    samples: () => collected,
  };
}
