// Officer access tokens: what the admin app presents after a password login (or a
// refresh). Short-lived — the refresh token is the opaque, revocable half (OfficerSession,
// see opaque-token.ts); `sid` names that session so the HTTP layer can refuse tokens of a
// session that was logged out.
import { z } from 'zod';
import { parseClaims, secondsToDate, ZClaimIdSchema, ZNumericDateSchema } from './claims.js';
import { HUB_TOKEN_TYPES, type HubContext, hubAudiences } from './hub-context.js';
import { type HubJwtPolicy, type IssuedToken, issueHubCredential, verifyHubJwt } from './hub-jwt.js';
import {
  OFFICER_ROLES,
  type OfficerRole,
  type Scope,
  scopesForRoles,
  ZOfficerRoleSchema,
  ZScopeSchema,
} from './scopes.js';

export const OFFICER_TOKEN_DEFAULT_SECONDS = 600;
export const OFFICER_TOKEN_MAX_SECONDS = 600;

export interface OfficerTokenInput {
  /** Officer.id — `sub`. */
  officerId: string;
  roles: OfficerRole[];
  /** OfficerSession.id — `sid`. */
  sessionId: string;
  /** Officer.organisationId — `org`, when the officer belongs to one. */
  organisationId?: string | null;
}

export interface OfficerClaims {
  officerId: string;
  roles: OfficerRole[];
  scopes: Scope[];
  sessionId: string;
  organisationId: string | undefined;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

const ZRolesSchema = z.array(ZOfficerRoleSchema).min(1).max(OFFICER_ROLES.length);

const ZInputSchema = z.strictObject({
  officerId: ZClaimIdSchema,
  roles: ZRolesSchema,
  sessionId: ZClaimIdSchema,
  organisationId: ZClaimIdSchema.nullish(),
});

const ZPayloadSchema = z.object({
  sub: ZClaimIdSchema,
  roles: ZRolesSchema,
  // RFC 8693 §4.2: space-delimited.
  scope: z
    .string()
    .max(2048)
    .transform((value) => value.split(' ').filter(Boolean))
    .pipe(z.array(ZScopeSchema)),
  sid: ZClaimIdSchema,
  org: ZClaimIdSchema.optional(),
  jti: ZClaimIdSchema,
  iat: ZNumericDateSchema,
  exp: ZNumericDateSchema,
});

function policyFor(hub: HubContext): HubJwtPolicy {
  return {
    typ: HUB_TOKEN_TYPES.officerAccess,
    audience: hubAudiences(hub).officerAccess,
    keyUse: 'short-lived',
    maxLifetimeSeconds: OFFICER_TOKEN_MAX_SECONDS,
    requiredClaims: ['sub', 'roles', 'scope', 'sid', 'jti'],
  };
}

export async function issueOfficerToken(
  hub: HubContext,
  input: OfficerTokenInput,
  { now = new Date(), lifetimeSeconds = OFFICER_TOKEN_DEFAULT_SECONDS }: { now?: Date; lifetimeSeconds?: number } = {},
): Promise<IssuedToken> {
  const { officerId, roles, sessionId, organisationId } = ZInputSchema.parse(input);
  const claims = {
    sub: officerId,
    roles,
    scope: scopesForRoles(roles).join(' '),
    sid: sessionId,
    ...(organisationId ? { org: organisationId } : {}),
  };
  return issueHubCredential(hub, policyFor(hub), claims, { now, lifetimeSeconds });
}

/**
 * Throws TokenError unless `token` is a hub-issued officer token valid at `now`. A scope
 * counts only while the token's roles still grant it, so narrowing a role takes effect at
 * once instead of when the tokens that carry the old scopes expire.
 */
export async function verifyOfficerToken(
  hub: HubContext,
  token: unknown,
  { now = new Date() }: { now?: Date } = {},
): Promise<OfficerClaims> {
  const claims = parseClaims(ZPayloadSchema, await verifyHubJwt(hub, policyFor(hub), token, now));
  const granted = new Set(scopesForRoles(claims.roles));
  return {
    officerId: claims.sub,
    roles: claims.roles,
    scopes: claims.scope.filter((scope) => granted.has(scope)),
    sessionId: claims.sid,
    organisationId: claims.org,
    jti: claims.jti,
    issuedAt: secondsToDate(claims.iat),
    expiresAt: secondsToDate(claims.exp),
  };
}
