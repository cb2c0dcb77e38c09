// Client authentication at /oauth/token with private_key_jwt (RFC 7523 §3, RFC 7521 §4.2,
// OpenID Connect Core §9). The service signs a short JWT with its own key; the hub checks
// it against that service's registered public keys only. Until the signature verifies,
// nothing from the assertion is trusted: its `iss` only picks whose keys to try.
import { createLocalJWKSet, decodeJwt, errors, type JWK, type JWTVerifyOptions, jwtVerify } from 'jose';
import { z } from 'zod';
import { parseClaims, secondsToDate, ZClaimIdSchema, ZNumericDateSchema } from './claims.js';
import { CLOCK_TOLERANCE_SECONDS } from './hub-context.js';
import { assertCompactJws } from './hub-jwt.js';
import type { JtiStore } from './jti-store.js';
import { TokenError, toTokenError } from './token-error.js';

export const CLIENT_ASSERTION_ALGORITHMS = ['EdDSA', 'ES256'];

/** An assertion proves possession now; five minutes covers clock drift and a slow network. */
export const CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 300;

/** A service's registered, unrevoked public JWKs by client id; [] for unknown or disabled services. */
export type ServiceKeyResolver = (clientId: string) => Promise<readonly JWK[]>;

export interface VerifyClientAssertionOptions {
  /** The absolute URL of /oauth/token, as services put it in `aud`. */
  tokenEndpointUrl: string;
  resolveServiceKeys: ServiceKeyResolver;
  jtiStore: JtiStore;
  now?: Date;
}

export interface VerifiedClientAssertion {
  clientId: string;
  jti: string;
  expiresAt: Date;
}

// RFC 7523 defines no typ; draft-ietf-oauth-rfc7523bis introduces this one. Anything else
// (an access token, a hub statement) is some other kind of JWT and is refused as such.
const ACCEPTED_TYPES = new Set([undefined, 'jwt', 'client-authentication+jwt']);

const ZAssertionSchema = z.object({
  jti: z.string().min(1).max(255),
  iat: ZNumericDateSchema,
  exp: ZNumericDateSchema,
});

/** Throws TokenError unless `assertion` is a fresh, first-seen assertion by a registered service. */
export async function verifyClientAssertion(
  assertion: unknown,
  { tokenEndpointUrl, resolveServiceKeys, jtiStore, now = new Date() }: VerifyClientAssertionOptions,
): Promise<VerifiedClientAssertion> {
  try {
    const compact = assertCompactJws(assertion);
    const clientId = claimedClientId(compact);
    // Only public keys of the kinds the allow-list can use; a private or symmetric key in
    // the registry is a registration mistake and is never used to verify.
    const keys = (await resolveServiceKeys(clientId)).filter(isServicePublicJwk);
    if (keys.length === 0) throw new TokenError('TOKEN_UNKNOWN_KEY');

    const { payload, protectedHeader } = await verifyWithServiceKeys(compact, keys, {
      algorithms: CLIENT_ASSERTION_ALGORITHMS,
      issuer: clientId,
      subject: clientId, // iss = sub = client id (RFC 7523 §3 items 1–2)
      audience: tokenEndpointUrl, // a string, or an array that contains it
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
    if (!ACCEPTED_TYPES.has(normaliseTyp(protectedHeader.typ))) throw new TokenError('TOKEN_WRONG_KIND');

    const { jti, iat, exp } = parseClaims(ZAssertionSchema, payload);
    // A long-lived assertion is a replayable password in all but name: refuse it even if
    // it was just issued. (With iat no later than now + tolerance, this also bounds exp.)
    if (exp - iat > CLIENT_ASSERTION_MAX_LIFETIME_SECONDS) {
      throw new TokenError(
        'TOKEN_INVALID',
        `A client assertion may live at most ${CLIENT_ASSERTION_MAX_LIFETIME_SECONDS} seconds.`,
      );
    }
    // Remembered only after the signature verified, so nobody can burn another client's
    // jtis with unsigned junk; kept until the assertion could no longer pass anyway.
    const expiresAt = secondsToDate(exp + CLOCK_TOLERANCE_SECONDS);
    if (!(await jtiStore.remember({ jti, clientId, expiresAt, now }))) throw new TokenError('TOKEN_REPLAYED');
    return { clientId, jti, expiresAt: secondsToDate(exp) };
  } catch (error) {
    throw toTokenError(error);
  }
}

function claimedClientId(compact: string): string {
  const { iss } = decodeJwt(compact);
  if (iss === undefined) throw new TokenError('TOKEN_MISSING_CLAIM');
  return parseClaims(ZClaimIdSchema, iss);
}

function isServicePublicJwk(jwk: JWK): boolean {
  const supported = (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') || (jwk.kty === 'EC' && jwk.crv === 'P-256');
  return supported && jwk.d === undefined;
}

function normaliseTyp(typ: unknown): string | undefined {
  if (typeof typ !== 'string') return typ === undefined ? undefined : String(typ);
  return typ.toLowerCase().replace(/^application\//, '');
}

async function verifyWithServiceKeys(compact: string, keys: JWK[], options: JWTVerifyOptions) {
  try {
    return await jwtVerify(compact, createLocalJWKSet({ keys }), options);
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    // No kid and several keys of the right type (a service mid-rotation): try each, as
    // jose documents. A bad signature moves on; any other failure is the answer.
    let lastError: unknown = error;
    for await (const key of error) {
      try {
        return await jwtVerify(compact, key, options);
      } catch (attempt) {
        if (!(attempt instanceof errors.JWSSignatureVerificationFailed)) throw attempt;
        lastError = attempt;
      }
    }
    throw lastError;
  }
}
