// Consent receipts: a JWS the hub signs for every consent event, given to the resident
// and stored with the event (ConsentEvent.receiptJws). It is evidence (GDPR Art. 7(1)),
// not a credential: it has no `exp`, and it verifies with the public JWKS for as long as
// the signing key stays published — retired keys are kept for exactly this reason.
import { z } from 'zod';
import { parseClaims, secondsToDate, ZClaimIdSchema, ZNumericDateSchema } from './claims.js';
import { HUB_TOKEN_TYPES, type HubContext, hubAudiences } from './hub-context.js';
import { type HubJwtPolicy, signHubJwt, verifyHubJwt } from './hub-jwt.js';

// String unions matching the Prisma enums, so this module needs no database types.
const CONSENT_EVENTS = ['GRANTED', 'CONFIRMED', 'WITHDRAWN', 'EXPIRED'] as const;
const CONSENT_CHANNELS = ['RESIDENT_PAGE', 'SERVICE', 'OFFICER'] as const;
const ACTOR_KINDS = ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'] as const;

export interface ConsentReceiptInput {
  /** ConsentEvent.id — `jti`: one receipt per event. */
  consentEventId: string;
  consentId: string;
  /** Resident.id — `sub`. */
  residentId: string;
  purposeId: string;
  purposeVersionId: string;
  event: (typeof CONSENT_EVENTS)[number];
  channel: (typeof CONSENT_CHANNELS)[number];
  actorKind: (typeof ACTOR_KINDS)[number];
  actorId?: string | null;
  occurredAt: Date;
  /** When the consent runs out, if it does. */
  consentExpiresAt?: Date | null;
  /** Hex SHA-256 of the wording the resident was shown. */
  wordingSha256?: string | null;
  /** The ISO/IEC TS 27560 consent record, in W3C DPV terms (consents/consent-record.ts). */
  consentRecord?: Record<string, unknown> | null;
}

export interface ConsentReceipt extends ConsentReceiptInput {
  issuedAt: Date;
}

const ZOptionalIdSchema = ZClaimIdSchema.nullish();
const ZSha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

const ZInputSchema = z.strictObject({
  consentEventId: ZClaimIdSchema,
  consentId: ZClaimIdSchema,
  residentId: ZClaimIdSchema,
  purposeId: ZClaimIdSchema,
  purposeVersionId: ZClaimIdSchema,
  event: z.enum(CONSENT_EVENTS),
  channel: z.enum(CONSENT_CHANNELS),
  actorKind: z.enum(ACTOR_KINDS),
  actorId: ZOptionalIdSchema,
  occurredAt: z.date(),
  consentExpiresAt: z.date().nullish(),
  wordingSha256: ZSha256Schema.nullish(),
  consentRecord: z.record(z.string(), z.unknown()).nullish(),
});

const ZPayloadSchema = z.object({
  jti: ZClaimIdSchema,
  sub: ZClaimIdSchema,
  consent_id: ZClaimIdSchema,
  purpose_id: ZClaimIdSchema,
  purpose_version: ZClaimIdSchema,
  event: z.enum(CONSENT_EVENTS),
  channel: z.enum(CONSENT_CHANNELS),
  actor_kind: z.enum(ACTOR_KINDS),
  actor_id: ZClaimIdSchema.optional(),
  occurred_at: ZNumericDateSchema,
  consent_expires_at: ZNumericDateSchema.optional(),
  wording_sha256: ZSha256Schema.optional(),
  consent_record: z.record(z.string(), z.unknown()).optional(),
  iat: ZNumericDateSchema,
});

function policyFor(hub: HubContext): HubJwtPolicy {
  return {
    typ: HUB_TOKEN_TYPES.consentReceipt,
    audience: hubAudiences(hub).consentReceipt,
    keyUse: 'long-lived',
    maxLifetimeSeconds: undefined,
    requiredClaims: [
      'jti',
      'sub',
      'consent_id',
      'purpose_id',
      'purpose_version',
      'event',
      'channel',
      'actor_kind',
      'occurred_at',
    ],
  };
}

const toSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export async function signConsentReceipt(
  hub: HubContext,
  input: ConsentReceiptInput,
  { now = new Date() }: { now?: Date } = {},
): Promise<string> {
  const receipt = ZInputSchema.parse(input);
  const claims = {
    jti: receipt.consentEventId,
    sub: receipt.residentId,
    consent_id: receipt.consentId,
    purpose_id: receipt.purposeId,
    purpose_version: receipt.purposeVersionId,
    event: receipt.event,
    channel: receipt.channel,
    actor_kind: receipt.actorKind,
    ...(receipt.actorId ? { actor_id: receipt.actorId } : {}),
    occurred_at: toSeconds(receipt.occurredAt),
    ...(receipt.consentExpiresAt ? { consent_expires_at: toSeconds(receipt.consentExpiresAt) } : {}),
    ...(receipt.wordingSha256 ? { wording_sha256: receipt.wordingSha256 } : {}),
    ...(receipt.consentRecord ? { consent_record: receipt.consentRecord } : {}),
  };
  return (await signHubJwt(hub, policyFor(hub), claims, { now })).token;
}

/** Throws TokenError unless `jws` is a receipt signed by a published hub key. */
export async function verifyConsentReceipt(
  hub: HubContext,
  jws: unknown,
  { now = new Date() }: { now?: Date } = {},
): Promise<ConsentReceipt> {
  const claims = parseClaims(ZPayloadSchema, await verifyHubJwt(hub, policyFor(hub), jws, now));
  return {
    consentEventId: claims.jti,
    consentId: claims.consent_id,
    residentId: claims.sub,
    purposeId: claims.purpose_id,
    purposeVersionId: claims.purpose_version,
    event: claims.event,
    channel: claims.channel,
    actorKind: claims.actor_kind,
    actorId: claims.actor_id ?? null,
    occurredAt: secondsToDate(claims.occurred_at),
    consentExpiresAt: claims.consent_expires_at === undefined ? null : secondsToDate(claims.consent_expires_at),
    wordingSha256: claims.wording_sha256 ?? null,
    consentRecord: claims.consent_record ?? null,
    issuedAt: secondsToDate(claims.iat),
  };
}
