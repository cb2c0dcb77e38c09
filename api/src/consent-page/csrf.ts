// CSRF defence in two layers (SECURITY.md "Resident page"):
//  1. Fetch Metadata: a browser that says a POST is cross-site is refused outright.
//  2. A synchronizer token bound to the caller's secret: HMAC-SHA256 keyed with the session
//     token (signed in) or the pre-session cookie (sign-in forms). Both are HttpOnly cookies
//     another site can neither read nor set, so it cannot compute the token; and because the
//     key is the cookie itself, any API process can check it without shared state.
import { createHmac, timingSafeEqual } from 'node:crypto';

const CSRF_LABEL = 'lupa-resident-page-csrf-v1';

export function csrfTokenFor(bindingSecret: string): string {
  return createHmac('sha256', bindingSecret).update(CSRF_LABEL).digest('base64url');
}

export function isValidCsrfToken(bindingSecret: string | undefined, submitted: string | null | undefined): boolean {
  if (!bindingSecret || typeof submitted !== 'string' || submitted.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(bindingSecret));
  const actual = Buffer.from(submitted);
  // Constant-time comparison: the token must not leak byte by byte through timing.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Fetch Metadata resource-isolation check. `none` is a user typing the address; a missing
 * header is an old browser or a non-browser client, which the token check still covers.
 */
export function isCrossSiteRequest(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  return site !== null && site !== 'same-origin' && site !== 'none';
}
