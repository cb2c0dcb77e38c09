// What a refused client assertion got wrong, in words an integrator can act on: which check
// failed and what it expected. It becomes TokenError.detail, which the token endpoint shows
// only outside production — a production hub keeps its expectations to itself.
import { decodeJwt, decodeProtectedHeader, errors } from 'jose';
import { CLOCK_TOLERANCE_SECONDS } from './hub-context.js';
import { TokenError } from './token-error.js';

export interface AssertionFailureContext {
  assertion: unknown;
  /** The accepted `aud` values. */
  issuer: string;
  tokenEndpointUrl: string;
  algorithms: readonly string[];
  maxLifetimeSeconds: number;
  now: Date;
}

export function describeAssertionFailure(error: unknown, context: AssertionFailureContext): string | undefined {
  const { assertion, issuer, tokenEndpointUrl, algorithms, maxLifetimeSeconds, now } = context;
  const header = attempt(() => decodeProtectedHeader(assertion as string));
  const payload = attempt(() => decodeJwt(assertion as string));
  const serverTime = `server time ${now.toISOString()}, ${CLOCK_TOLERANCE_SECONDS} s tolerance`;

  if (error instanceof TokenError) {
    // Our own checks that ran before jose could look at the token.
    if (!header || !payload) return 'client_assertion must be a compact JWS: three base64url parts joined by dots.';
    return undefined;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `alg ${show(header?.alg)} is not accepted; sign with one of ${algorithms.join(', ')} (exact spelling).`;
  }
  if (error instanceof errors.JWTExpired) {
    if (error.claim === 'iat') {
      return `iat ${time(payload?.iat)} is more than ${maxLifetimeSeconds} s old (${serverTime}); sign a fresh assertion for each request.`;
    }
    return `exp ${time(payload?.exp)} has passed (${serverTime}).`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') {
      return `the ${error.claim} claim is missing; a client assertion needs iss, sub, aud, exp, iat and jti.`;
    }
    switch (error.claim) {
      case 'aud':
        return `aud must be ${show(issuer)} (the issuer) or ${show(tokenEndpointUrl)} (the token endpoint), exactly; it was ${show(payload?.aud)}.`;
      case 'sub':
        return `sub must equal iss, the client id ${show(payload?.iss)}; it was ${show(payload?.sub)}.`;
      case 'nbf':
        return `nbf ${time(payload?.nbf)} lies in the future (${serverTime}).`;
      case 'iat':
        return `iat ${time(payload?.iat)} lies in the future (${serverTime}).`;
      default:
        return `the ${error.claim} claim failed its check: ${error.message}.`;
    }
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return `no key registered for client ${show(payload?.iss)} matches kid ${show(header?.kid)} and alg ${show(header?.alg)}.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return `the signature does not verify with the keys registered for client ${show(payload?.iss)}.`;
  }
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}.`;
  return undefined;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function time(seconds: unknown): string {
  const iso = typeof seconds === 'number' ? attempt(() => new Date(seconds * 1000).toISOString()) : undefined;
  return iso ? `${seconds} (${iso})` : show(seconds);
}
