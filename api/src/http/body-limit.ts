// The one way Lupa reads a request body: stream it and stop at a cap. A declared
// Content-Length over the cap is refused before a byte is read; a chunked upload (or one
// that lies about its length) is cut off the moment the running count passes the cap, so a
// client can never make the server buffer more than the cap, however slowly it sends.
import { QUERY_LIMITS } from '../graphql/limits.js';

/** The largest body, in bytes, each endpoint that reads one accepts (README, "Limits"). */
export const BODY_LIMITS = {
  graphql: QUERY_LIMITS.maxBodyBytes,
  oauthToken: 16 * 1024,
  receiptVerify: 64 * 1024,
  residentForm: 8 * 1024,
  demoIdpToken: 8 * 1024,
} as const;

export const PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE';

/** Thrown by `readBodyWithin`; app.ts answers 413 unless the endpoint answers it itself. */
export class PayloadTooLargeError extends Error {
  readonly code = PAYLOAD_TOO_LARGE;
  constructor(readonly limit: number) {
    super(`Request bodies here are limited to ${limit} bytes.`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * The body as UTF-8 text ('' when there is none), or PayloadTooLargeError as soon as it is
 * known to pass `limit` bytes. The rest of an oversized body is never read.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<string> {
  if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return '';
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Cancelling tells the server adapter we want no more; whatever the client still
      // sends is discarded by node:http, never held.
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
