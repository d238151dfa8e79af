import { Agent, fetch as undiciFetch } from 'undici';

// Black-box tests read arbitrary JSON bodies; `any` keeps assertions terse.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiRequest {
  token?: string;
  body?: unknown;
  /** Sent as is, bypassing JSON encoding (malformed-body tests). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * fetch that trusts `ca` (a PEM certificate) in addition to nothing else: for a
 * gateway serving HTTPS with a certificate made in the test. Plain fetch otherwise.
 */
export function fetchTrusting(ca?: string): typeof fetch {
  if (!ca) return fetch;
  const dispatcher = new Agent({ connect: { ca } });
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...init, dispatcher } as never)) as unknown as typeof fetch;
}

/** A thin fetch wrapper for black-box tests: JSON in, JSON (or text) out. `ca`: see fetchTrusting. */
export function apiClient(baseUrl: () => string, options: { ca?: string } = {}) {
  const send = fetchTrusting(options.ca);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return async function call<T = any>(method: string, path: string, req: ApiRequest = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token) headers['authorization'] = `Bearer ${req.token}`;
    let body: string | undefined = req.rawBody;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await send(baseUrl() + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
}
