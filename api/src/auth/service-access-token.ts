// Service access tokens (RFC 9068 JWT profile): what a service presents to the GraphQL
// API after authenticating at /oauth/token. One token names one purpose version, and is
// bound to the service and its organisation; the privacy engine trusts these claims, so
// nothing but this file mints or accepts them.
import { decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import { parseClaims, secondsToDate, ZClaimIdSchema, ZNumericDateSchema } from './claims.js';
import { HUB_TOKEN_TYPES, type HubContext, hubAudiences } from './hub-context.js';
import { type HubJwtPolicy, type IssuedToken, issueHubCredential, verifyHubJwt } from './hub-jwt.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** Short enough that a disabled service or withdrawn approval stops mattering soon. */
export const SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS = 300;
export const SERVICE_ACCESS_TOKEN_MAX_SECONDS = 600;

export interface ServiceAccessTokenInput {
  /** Service.id — `sub`. */
  serviceId: string;
  /** Service.clientId — `client_id`. */
  clientId: string;
  /** Organisation.id — `org`. */
  organisationId: string;
  /** The purpose's slug — `purpose`. */
  purpose: string;
  /** PurposeVersion.id — `purpose_version`. */
  purposeVersion: string;
}

export interface ServiceAccessClaims extends ServiceAccessTokenInput {
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

const ZInputSchema = z.strictObject({
  serviceId: ZClaimIdSchema,
  clientId: ZClaimIdSchema,
  organisationId: ZClaimIdSchema,
  purpose: ZClaimIdSchema,
  purposeVersion: ZClaimIdSchema,
});

const ZPayloadSchema = z.object({
  sub: ZClaimIdSchema,
  client_id: ZClaimIdSchema,
  org: ZClaimIdSchema,
  purpose: ZClaimIdSchema,
  purpose_version: ZClaimIdSchema,
  jti: ZClaimIdSchema,
  iat: ZNumericDateSchema,
  exp: ZNumericDateSchema,
});

function policyFor(hub: HubContext): HubJwtPolicy {
  return {
    typ: HUB_TOKEN_TYPES.serviceAccess,
    audience: hubAudiences(hub).serviceAccess,
    keyUse: 'short-lived',
    maxLifetimeSeconds: SERVICE_ACCESS_TOKEN_MAX_SECONDS,
    requiredClaims: ['sub', 'client_id', 'org', 'purpose', 'purpose_version', 'jti'],
  };
}

export async function issueServiceAccessToken(
  hub: HubContext,
  input: ServiceAccessTokenInput,
  {
    now = new Date(),
    lifetimeSeconds = SERVICE_ACCESS_TOKEN_DEFAULT_SECONDS,
  }: { now?: Date; lifetimeSeconds?: number } = {},
): Promise<IssuedToken> {
  const { serviceId, clientId, organisationId, purpose, purposeVersion } = ZInputSchema.parse(input);
  const claims = { sub: serviceId, client_id: clientId, org: organisationId, purpose, purpose_version: purposeVersion };
  return issueHubCredential(hub, policyFor(hub), claims, { now, lifetimeSeconds });
}

/** One per hub context: a token verified under one issuer and audience says nothing of another. */
const verifiedTokens = new WeakMap<HubContext, VerifiedTokenCache<ServiceAccessClaims>>();

function verifiedTokensOf(hub: HubContext): VerifiedTokenCache<ServiceAccessClaims> {
  let cache = verifiedTokens.get(hub);
  if (!cache) {
    cache = new VerifiedTokenCache();
    verifiedTokens.set(hub, cache);
  }
  return cache;
}

/** Throws TokenError unless `token` is a hub-issued service access token valid at `now`. */
export async function verifyServiceAccessToken(
  hub: HubContext,
  token: unknown,
  { now = new Date() }: { now?: Date } = {},
): Promise<ServiceAccessClaims> {
  const cache = verifiedTokensOf(hub);
  const remembered = typeof token === 'string' ? cache.get(token, now.getTime() / 1000) : undefined;
  if (remembered) {
    try {
      await hub.keys.verificationKey(remembered.kid, { use: 'short-lived', now });
      return remembered.value;
    } catch {
      // The key is no longer accepted: verify afresh, which refuses with the usual code.
      cache.forget(token as string);
    }
  }
  const payload = await verifyHubJwt(hub, policyFor(hub), token, now);
  const claims = parseClaims(ZPayloadSchema, payload);
  const verified: ServiceAccessClaims = Object.freeze({
    serviceId: claims.sub,
    clientId: claims.client_id,
    organisationId: claims.org,
    purpose: claims.purpose,
    purposeVersion: claims.purpose_version,
    jti: claims.jti,
    issuedAt: secondsToDate(claims.iat),
    expiresAt: secondsToDate(claims.exp),
  });
  const { kid } = decodeProtectedHeader(token as string);
  if (typeof kid === 'string') {
    // Strictly inside what verification just accepted, without the clock tolerance.
    const from = Math.max(claims.iat, typeof payload.nbf === 'number' ? payload.nbf : claims.iat);
    const until = Math.min(claims.exp, claims.iat + SERVICE_ACCESS_TOKEN_MAX_SECONDS);
    cache.remember(token as string, { value: verified, kid, from, until });
  }
  return verified;
}
