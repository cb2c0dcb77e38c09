// The one place hub-signed JWTs are produced and checked. Every kind (service access,
// officer, consent receipt, checkpoint, webhook) goes through these two functions with
// its own policy, so the RFC 8725 rules below cannot be forgotten by one kind:
// - one algorithm (EdDSA), fixed; `alg: none` and HS* confusion are refused by jose
//   before any key is touched;
// - the key comes only from the hub's own key set, chosen by `kid`; `jwk`, `jku`, `x5u`
//   and `x5c` headers are never consulted;
// - iss, aud and typ are always checked; iat always required; exp and a maximum age
//   required for everything that is a credential; at most 10 s of clock skew.
import { randomUUID } from 'node:crypto';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, type HubContext, MAX_TOKEN_LENGTH } from './hub-context.js';
import type { KeyUse } from './hub-keys.js';
import { TokenError, toTokenError } from './token-error.js';

export const HUB_ALGORITHMS = ['EdDSA'];

export interface HubJwtPolicy {
  typ: string;
  audience: string;
  keyUse: KeyUse;
  /**
   * Credentials: the longest lifetime a token may be issued with and the oldest `iat`
   * accepted. Undefined for evidence (receipts, checkpoints), which carries no `exp`.
   */
  maxLifetimeSeconds: number | undefined;
  /** Kind-specific claims that must be present, besides iss, aud, iat (and exp). */
  requiredClaims: readonly string[];
}

export interface SignedHubJwt {
  token: string;
  issuedAt: Date;
  expiresAt: Date | undefined;
}

export async function signHubJwt(
  hub: HubContext,
  policy: HubJwtPolicy,
  claims: JWTPayload,
  { now, lifetimeSeconds }: { now: Date; lifetimeSeconds?: number },
): Promise<SignedHubJwt> {
  const iat = Math.floor(now.getTime() / 1000);
  let exp: number | undefined;
  if (policy.maxLifetimeSeconds !== undefined) {
    const lifetime = lifetimeSeconds ?? policy.maxLifetimeSeconds;
    if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > policy.maxLifetimeSeconds) {
      throw new RangeError(`A ${policy.typ} token lives 1 to ${policy.maxLifetimeSeconds} seconds`);
    }
    exp = iat + lifetime;
  } else if (lifetimeSeconds !== undefined) {
    throw new RangeError(`A ${policy.typ} token does not expire`);
  }
  const { kid, alg, privateKey } = await hub.keys.signingKey();
  const payload: JWTPayload = { ...claims, iss: hub.issuer, aud: policy.audience, iat };
  if (exp !== undefined) payload.exp = exp;
  const token = await new SignJWT(payload).setProtectedHeader({ alg, typ: policy.typ, kid }).sign(privateKey);
  return { token, issuedAt: new Date(iat * 1000), expiresAt: exp === undefined ? undefined : new Date(exp * 1000) };
}

export interface IssuedToken {
  token: string;
  jti: string;
  /** Seconds, for the token endpoint's `expires_in`. */
  expiresIn: number;
  expiresAt: Date;
}

/** Signs a credential (a kind with a maximum lifetime) under a fresh random jti. */
export async function issueHubCredential(
  hub: HubContext,
  policy: HubJwtPolicy,
  claims: JWTPayload,
  options: { now: Date; lifetimeSeconds: number },
): Promise<IssuedToken> {
  const jti = randomUUID();
  const { token, issuedAt, expiresAt } = await signHubJwt(hub, policy, { ...claims, jti }, options);
  if (!expiresAt) throw new Error(`A ${policy.typ} token must expire`);
  return { token, jti, expiresAt, expiresIn: (expiresAt.getTime() - issuedAt.getTime()) / 1000 };
}

export async function verifyHubJwt(
  hub: HubContext,
  policy: HubJwtPolicy,
  token: unknown,
  now: Date,
): Promise<JWTPayload & { iat: number }> {
  const credential = policy.maxLifetimeSeconds !== undefined;
  try {
    const { payload } = await jwtVerify(
      assertCompactJws(token),
      (header) => hub.keys.verificationKey(header.kid, { use: policy.keyUse, now }),
      {
        algorithms: HUB_ALGORITHMS,
        issuer: hub.issuer,
        audience: policy.audience,
        typ: policy.typ,
        requiredClaims: [...(credential ? ['exp'] : []), 'iat', ...policy.requiredClaims],
        maxTokenAge: policy.maxLifetimeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      },
    );
    const { iat } = payload;
    if (typeof iat !== 'number') throw new TokenError('TOKEN_MISSING_CLAIM');
    // jose only looks at a future iat when maxTokenAge is set; evidence must not be dated
    // ahead either.
    if (iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new TokenError('TOKEN_NOT_YET_VALID');
    return { ...payload, iat };
  } catch (error) {
    throw toTokenError(error);
  }
}

/** Cheap shape check before any decoding: a string of three base64url parts, bounded. */
export function assertCompactJws(token: unknown): string {
  if (
    typeof token !== 'string' ||
    token.length > MAX_TOKEN_LENGTH ||
    !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)
  ) {
    throw new TokenError('TOKEN_INVALID');
  }
  return token;
}
