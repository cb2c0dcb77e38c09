// Every kind of JWT the hub signs, described once so the negative matrix runs against each.
import {
  type HubContext,
  issueOfficerToken,
  issueServiceAccessToken,
  signConsentReceipt,
  signHubJws,
  verifyConsentReceipt,
  verifyHubJws,
  verifyOfficerToken,
  verifyServiceAccessToken,
} from '../../../../api/src/auth/index.js';
import { type Claims, forgeJws, hubKeySigner, type JwsSigner, withOverrides } from './forge-jws.js';
import { ISSUER, toSeconds } from './hub-fixture.js';

export interface HubKindCase {
  name: string;
  typ: string;
  /** Credentials carry exp and a maximum age; evidence (receipts, checkpoints) does not. */
  credential: boolean;
  audience(hub: HubContext): string;
  /** Kind-specific claims of a valid token. */
  claims(now: Date): Claims;
  issue(hub: HubContext, now: Date): Promise<string>;
  verify(hub: HubContext, token: unknown, now: Date): Promise<unknown>;
}

export const CHECKPOINT_AUDIENCE = `${ISSUER}/audit`;
export const WEBHOOK_AUDIENCE = 'daycare-app';

export const serviceAccessKind: HubKindCase = {
  name: 'service access token',
  typ: 'at+jwt',
  credential: true,
  audience: (hub) => hub.graphqlUrl,
  claims: () => ({
    sub: 'service-1',
    client_id: 'daycare-app',
    org: 'org-1',
    purpose: 'daycare-application',
    purpose_version: 'purpose-version-1',
    jti: 'jti-access-1',
  }),
  issue: async (hub, now) =>
    (
      await issueServiceAccessToken(
        hub,
        {
          serviceId: 'service-1',
          clientId: 'daycare-app',
          organisationId: 'org-1',
          purpose: 'daycare-application',
          purposeVersion: 'purpose-version-1',
        },
        { now },
      )
    ).token,
  verify: (hub, token, now) => verifyServiceAccessToken(hub, token, { now }),
};

export const officerKind: HubKindCase = {
  name: 'officer token',
  typ: 'officer+jwt',
  credential: true,
  audience: (hub) => `${hub.issuer}/officer`,
  claims: () => ({
    sub: 'officer-1',
    roles: ['OFFICER'],
    scope: 'purpose:read',
    sid: 'session-1',
    jti: 'jti-officer-1',
  }),
  issue: async (hub, now) =>
    (await issueOfficerToken(hub, { officerId: 'officer-1', roles: ['OFFICER'], sessionId: 'session-1' }, { now }))
      .token,
  verify: (hub, token, now) => verifyOfficerToken(hub, token, { now }),
};

export const consentReceiptKind: HubKindCase = {
  name: 'consent receipt',
  typ: 'consent-receipt+jwt',
  credential: false,
  audience: (hub) => `${hub.issuer}/consent-receipts`,
  claims: (now) => ({
    jti: 'consent-event-1',
    sub: 'resident-1',
    consent_id: 'consent-1',
    purpose_id: 'purpose-1',
    purpose_version: 'purpose-version-1',
    event: 'GRANTED',
    channel: 'RESIDENT_PAGE',
    actor_kind: 'RESIDENT',
    occurred_at: toSeconds(now),
  }),
  issue: (hub, now) =>
    signConsentReceipt(
      hub,
      {
        consentEventId: 'consent-event-1',
        consentId: 'consent-1',
        residentId: 'resident-1',
        purposeId: 'purpose-1',
        purposeVersionId: 'purpose-version-1',
        event: 'GRANTED',
        channel: 'RESIDENT_PAGE',
        actorKind: 'RESIDENT',
        occurredAt: now,
      },
      { now },
    ),
  verify: (hub, token, now) => verifyConsentReceipt(hub, token, { now }),
};

export const checkpointKind: HubKindCase = {
  name: 'audit checkpoint',
  typ: 'audit-checkpoint+jwt',
  credential: false,
  audience: () => CHECKPOINT_AUDIENCE,
  claims: () => ({ jti: 'checkpoint-1', seq: '42', head_hash: 'ab'.repeat(32) }),
  issue: (hub, now) =>
    signHubJws(
      hub,
      {
        typ: 'audit-checkpoint+jwt',
        audience: CHECKPOINT_AUDIENCE,
        payload: { seq: '42', head_hash: 'ab'.repeat(32) },
      },
      { now },
    ),
  verify: (hub, token, now) =>
    verifyHubJws(hub, token, { typ: 'audit-checkpoint+jwt', audience: CHECKPOINT_AUDIENCE, now }),
};

export const webhookKind: HubKindCase = {
  name: 'webhook payload',
  typ: 'webhook+jwt',
  credential: true,
  audience: () => WEBHOOK_AUDIENCE,
  claims: () => ({ jti: 'webhook-1', notice: 'CONSENT_WITHDRAWN', consent_id: 'consent-1' }),
  issue: (hub, now) =>
    signHubJws(
      hub,
      {
        typ: 'webhook+jwt',
        audience: WEBHOOK_AUDIENCE,
        payload: { notice: 'CONSENT_WITHDRAWN', consent_id: 'consent-1' },
      },
      { now },
    ),
  verify: (hub, token, now) => verifyHubJws(hub, token, { typ: 'webhook+jwt', audience: WEBHOOK_AUDIENCE, now }),
};

export const HUB_KINDS: HubKindCase[] = [
  serviceAccessKind,
  officerKind,
  consentReceiptKind,
  checkpointKind,
  webhookKind,
];

export interface ForgeOptions {
  header?: Claims;
  payload?: Claims;
  signer?: JwsSigner | 'none';
}

/** A token of `kind` as the hub would sign it, with overrides; signed by the current hub key by default. */
export async function forgeHubToken(hub: HubContext, kind: HubKindCase, now: Date, options: ForgeOptions = {}) {
  const key = await hub.keys.signingKey();
  const iat = toSeconds(now);
  const base: Claims = {
    iss: hub.issuer,
    aud: kind.audience(hub),
    iat,
    ...(kind.credential ? { exp: iat + 120 } : {}),
    ...kind.claims(now),
  };
  return forgeJws(
    withOverrides({ alg: 'EdDSA', typ: kind.typ, kid: key.kid }, options.header),
    withOverrides(base, options.payload),
    options.signer ?? hubKeySigner(key),
  );
}
