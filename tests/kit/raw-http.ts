/** One raw HTTP exchange: every answer, refusal or not, must be JSON in the GraphQL error shape. */
export interface Exchange {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** A request as written by hand: any method, headers and body (the body as text, so it may be anything). */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one raw request (POST unless told) and fails the test unless the answer is JSON. */
export async function sendRaw(url: string, init: RawRequest): Promise<Exchange> {
  const response = await fetch(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, text, body: JSON.parse(text) };
}

/**
 * Raw requests to the `url` that `defaults()` gives (another when a request names one) with its
 * `headers` under each request's own. It is asked at each request, so it may name what a beforeAll
 * sets up.
 */
export function rawRequests(defaults: () => { url: string; headers: Record<string, string> }) {
  return (init: RawRequest, url = defaults().url): Promise<Exchange> =>
    sendRaw(url, { ...init, headers: { ...defaults().headers, ...init.headers } });
}
