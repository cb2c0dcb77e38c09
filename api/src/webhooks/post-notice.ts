// One HTTP attempt: POST the signed notice to the receiver and say what happened, never
// throwing. Only the status code or a short error class is kept — never the receiver's
// response body, which is the receiver's to fill and could hold anything.

import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * A fetch for one delivery that connects only to `pin`, whatever the URL's host resolves to
 * by then: the agent's lookup answers with the address delivery checked, so no second DNS
 * answer can take its place. TLS still checks the certificate against the host name (SNI
 * and verification use the URL's host, not the address). Minimal by design: one request,
 * headers and a string body, status only; the body is drained unread.
 */
export function pinnedFetch(pin: PinnedAddress): FetchLike {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pin.address, family: pin.family }]);
    else callback(null, pin.address, pin.family);
  };
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const https = url.protocol === 'https:';
      // A fresh agent per delivery: no pooled socket opened for an earlier pin is reused.
      const agent = https ? new HttpsAgent({ lookup, keepAlive: false }) : new HttpAgent({ lookup, keepAlive: false });
      const request = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          agent,
          signal: init.signal ?? undefined,
        },
        (response) => {
          response.resume();
          response.once('end', () => agent.destroy());
          resolve(new Response(null, { status: response.statusCode ?? 502 }));
        },
      );
      request.once('error', (error) => {
        agent.destroy();
        reject(error);
      });
      request.end(typeof init.body === 'string' ? init.body : undefined);
    });
}

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
    // node:http errors carry the code themselves; fetch's wrap it in `cause`.
    if ('code' in error && typeof error.code === 'string') return error.code.slice(0, 64);
    const cause: unknown = error.cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') {
      return cause.code.slice(0, 64);
    }
    return error.name.slice(0, 64);
  }
  return 'UNKNOWN';
}
