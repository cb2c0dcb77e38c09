// Client authentication at /oauth/token with private_key_jwt (RFC 7523 §3, RFC 7521 §4.2,
// OpenID Connect Core §9). The service signs a short JWT with its own key; the hub checks
// it against that service's registered public keys only. Until the signature verifies,
// nothing from the assertion is trusted: its `iss` only picks whose keys to try.
import { createLocalJWKSet, decodeJwt, errors, type JWK, type JWTVerifyOptions, jwtVerify } from 'jose';
import { z } from 'zod';
import { secondsToDate, ZClaimIdSchema, ZNumericDateSchema } from './claims.js';
import { describeAssertionFailure } from './client-assertion-failure.js';
import { CLOCK_TOLERANCE_SECONDS } from './hub-context.js';
import { assertCompactJws } from './hub-jwt.js';
import type { JtiStore } from './jti-store.js';
import { TokenError, type TokenErrorCode, toTokenError } from './token-error.js';

// `Ed25519` is RFC 9864's fully specified name for what `EdDSA` means with an Ed25519 key;
// openid-client and oauth4webapi sign with it by default. Exact, case-sensitive names only.
export const CLIENT_ASSERTION_ALGORITHMS = ['Ed25519', 'EdDSA', 'ES256'];

/** An assertion proves possession now; five minutes covers clock drift and a slow network. */
export const CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 300;

/** A service's registered, unrevoked public JWKs by client id; [] for unknown or disabled services. */
export type ServiceKeyResolver = (clientId: string) => Promise<readonly JWK[]>;

export interface VerifyClientAssertionOptions {
  /**
   * The hub's issuer identifier: what draft-ietf-oauth-rfc7523bis (and openid-client,
   * oauth4webapi) put in `aud`, read from the RFC 8414 metadata.
   */
  issuer: string;
  /** The absolute URL of /oauth/token, the `aud` of RFC 7523 as first written. */
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
  { issuer, tokenEndpointUrl, resolveServiceKeys, jtiStore, now = new Date() }: VerifyClientAssertionOptions,
): Promise<VerifiedClientAssertion> {
  try {
    const compact = assertCompactJws(assertion);
    const clientId = claimedClientId(compact);
    // Only public keys of the kinds the allow-list can use; a private or symmetric key in
    // the registry is a registration mistake and is never used to verify.
    const keys = (await resolveServiceKeys(clientId)).filter(isServicePublicJwk).map(withEitherEdAlgName);
    if (keys.length === 0) {
      throw refusal('TOKEN_UNKNOWN_KEY', `no active service with client id ${JSON.stringify(clientId)} has a key.`);
    }

    const { payload, protectedHeader } = await verifyWithServiceKeys(compact, keys, {
      algorithms: CLIENT_ASSERTION_ALGORITHMS,
      issuer: clientId,
      subject: clientId, // iss = sub = client id (RFC 7523 §3 items 1–2)
      // Exactly one of the two, compared as strings: a string, or an array that contains one.
      audience: [issuer, tokenEndpointUrl],
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    });
    if (!ACCEPTED_TYPES.has(normaliseTyp(protectedHeader.typ))) {
      throw refusal(
        'TOKEN_WRONG_KIND',
        `typ ${JSON.stringify(protectedHeader.typ)} is not a client assertion's; use JWT or client-authentication+jwt, or leave it out.`,
      );
    }

    const claims = ZAssertionSchema.safeParse(payload);
    if (!claims.success) {
      throw refusal('TOKEN_INVALID', 'jti must be a string of 1–255 characters, iat and exp whole seconds.');
    }
    const { jti, iat, exp } = claims.data;
    // A long-lived assertion is a replayable password in all but name: refuse it even if
    // it was just issued. (With iat no later than now + tolerance, this also bounds exp.)
    if (exp - iat > CLIENT_ASSERTION_MAX_LIFETIME_SECONDS) {
      const message = `A client assertion may live at most ${CLIENT_ASSERTION_MAX_LIFETIME_SECONDS} seconds.`;
      throw refusal('TOKEN_INVALID', `exp − iat is ${exp - iat} s. ${message}`, message);
    }
    // Remembered only after the signature verified, so nobody can burn another client's
    // jtis with unsigned junk; kept until the assertion could no longer pass anyway.
    const expiresAt = secondsToDate(exp + CLOCK_TOLERANCE_SECONDS);
    if (!(await jtiStore.remember({ jti, clientId, expiresAt, now }))) {
      throw refusal('TOKEN_REPLAYED', `jti ${JSON.stringify(jti)} was used before; sign a new assertion per request.`);
    }
    return { clientId, jti, expiresAt: secondsToDate(exp) };
  } catch (error) {
    const refused = toTokenError(error);
    refused.detail ??= describeAssertionFailure(error, {
      assertion,
      issuer,
      tokenEndpointUrl,
      algorithms: CLIENT_ASSERTION_ALGORITHMS,
      maxLifetimeSeconds: CLIENT_ASSERTION_MAX_LIFETIME_SECONDS,
      now,
    });
    throw refused;
  }
}

function refusal(code: TokenErrorCode, detail: string, message?: string): TokenError {
  const error = new TokenError(code, message);
  error.detail = detail;
  return error;
}

function claimedClientId(compact: string): string {
  const { iss } = decodeJwt(compact);
  if (iss === undefined) throw refusal('TOKEN_MISSING_CLAIM', 'the iss claim is missing; iss = sub = your client id.');
  const clientId = ZClaimIdSchema.safeParse(iss);
  if (!clientId.success) throw refusal('TOKEN_INVALID', 'iss must be your client id: 1–255 printable characters.');
  return clientId.data;
}

function isServicePublicJwk(jwk: JWK): boolean {
  const supported = (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') || (jwk.kty === 'EC' && jwk.crv === 'P-256');
  return supported && jwk.d === undefined;
}

/**
 * Registered Ed25519 keys carry `alg: "EdDSA"`, and jose only picks a key whose `alg` equals
 * the header's. Both names denote the same signature over the same curve (RFC 9864 §2.2),
 * so for those keys either name may select them; any other `alg` on a key still pins it.
 */
function withEitherEdAlgName(jwk: JWK): JWK {
  if (jwk.kty !== 'OKP' || (jwk.alg !== undefined && jwk.alg !== 'EdDSA' && jwk.alg !== 'Ed25519')) return jwk;
  const { alg: _alg, ...rest } = jwk;
  return rest;
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
