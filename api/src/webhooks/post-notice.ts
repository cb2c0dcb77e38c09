// One HTTP attempt: POST the signed notice to the receiver and say what happened, never
// throwing. Only the status code or a short error class is kept — never the receiver's
// response body, which is the receiver's to fill and could hold anything.

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export const NOTICE_TIMEOUT_MS = 10_000;

export interface PostOutcome {
  /** The receiver answered 2xx: the notice is delivered. */
  ok: boolean;
  statusCode: number | null;
  /** Why it failed, for the delivery log and officers: `HTTP 503`, `TIMEOUT`, `ECONNREFUSED`, … */
  error: string | null;
  durationMs: number;
}

export async function postNotice(input: {
  fetch: FetchLike;
  url: string;
  jws: string;
  idempotencyKey: string;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await input.fetch(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/jwt',
        // The same key on every retry of a notice: the receiver acts on it once.
        'idempotency-key': input.idempotencyKey,
      },
      body: input.jws,
      // A redirect is a failure, not an instruction: following it would send the notice
      // to an address no officer registered.
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
    // Release the connection without reading what the receiver sent.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, statusCode: null, error: classifyFetchError(error), durationMs: elapsed() };
  }
}

/** A short, stable name for a transport failure; error messages can carry addresses. */
export function classifyFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'TIMEOUT';
    const cause: unknown = error.cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') {
      return cause.code.slice(0, 64);
    }
    return error.name.slice(0, 64);
  }
  return 'UNKNOWN';
}
