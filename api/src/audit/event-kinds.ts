// Every kind of audit event, with the payload each carries: one typed list for reads,
// consent changes and administration. A kind is written into the hash chain (chain.ts), so
// a kind is never renamed or given a different payload shape: add a new kind instead.
// Payloads hold ids, slugs and role names — never a resident's personal data (the columns
// residentId and fieldsReturned say whose data and which fields), never a secret.
import { z } from 'zod';

const Id = z.string().max(200);
const Roles = z.array(z.enum(['ADMIN', 'OFFICER', 'AUDITOR'])).max(3);
const None = z.null();

// The payload of a request-level read record (kinds ending in ".batch"): which residents a
// request read, grouped by what was returned and refused, so a page of 100 residents read
// alike is one group. One record per request, whatever its size, instead of one per resident
// (docs/performance.md). Resident ids are sorted within a group and groups by their first
// id; a resident appears in exactly one group. The insert statement copies the ids into
// the indexed residentIds column (sequencer.ts), which the access log searches.
const ResidentReads = z.object({
  reads: z
    .array(
      z.object({
        residentIds: z.array(Id).min(1),
        fieldsReturned: z.array(z.string()),
        fieldsDenied: z.array(z.object({ field: z.string(), reason: z.string() })),
      }),
    )
    .min(1),
});
export type ResidentReadsPayload = z.infer<typeof ResidentReads>;

// A hub key ring as its public kids (hub-keys/ring-state.ts). Added to keys.create, keys.rotate
// and keys.purge as an optional field: records written before it keep their shape and hash.
const Kid = z.string().max(100);
const Ring = z.object({ current: Kid, next: Kid, retired: z.array(Kid) });
const ExpectedRing = z.object({ current: Kid.nullable(), next: Kid.nullable(), retired: z.array(Kid).nullable() });

export const AUDIT_EVENT_PAYLOADS = {
  // Reads of personal data (written by the GraphQL audit trail and the resident page).
  'resident.read': None,
  'resident.lookup': None,
  'resident.self_read': None,
  'audience.list': None,
  'insight.query': None,
  'audit.read': None,
  'campaign.send': None,
  'campaign.response': None,
  'service.usage': None,
  'officer.lockouts.read': None,
  // The same reads, one record per request listing its residents (two or more; a request
  // that read one resident writes the record of the plain kind, with residentId set).
  'resident.read.batch': ResidentReads,
  'resident.lookup.batch': ResidentReads,
  'audience.list.batch': ResidentReads,
  'audit.read.batch': ResidentReads,
  'campaign.send.batch': ResidentReads,
  'campaign.response.batch': ResidentReads,
  'consent.record.batch': ResidentReads,
  'service.usage.batch': ResidentReads,
  // Consent changes.
  'consent.grant': z.object({ consentId: Id, eventId: Id }),
  'consent.confirm': z.object({ consentId: Id, eventId: Id }),
  'consent.withdraw': z.object({ consentIds: z.array(Id), noticeCount: z.number().int() }),
  'consent.record': z.object({ consentId: Id }),
  'consent.expire': z.object({ consentId: Id }),
  // Campaigns and their insight (written by services).
  'campaign.create': z.object({ campaignId: Id, members: z.number().int() }),
  /** One per resident put in a campaign's frozen audience: the resident sees it in their access log. */
  'campaign.member.add': z.object({ campaignId: Id }),
  /** A campaign's insight tables taken and stored at the first question (insight/release-campaign-insight.ts). */
  'insight.release': z.object({ campaignId: Id, k: z.number().int(), population: z.number().int() }),
  // Purposes.
  'purpose.create': z.object({ slug: z.string(), versionId: Id }),
  'purpose.draft': z.object({ versionId: Id, version: z.number().int() }),
  'purpose.submit': z.object({ versionId: Id, version: z.number().int() }),
  'purpose.approve': z.object({
    versionId: Id,
    version: z.number().int(),
    /** Linter WARNING codes the approver acknowledged. */
    acknowledgedWarnings: z.array(z.string()),
  }),
  'purpose.return': z.object({ versionId: Id, version: z.number().int() }),
  'purpose.retire': z.object({ retiredVersionIds: z.array(Id) }),
  'data_category.create': z.object({ categoryId: Id, slug: z.string() }),
  // Organisations and services.
  'organisation.create': z.object({ slug: z.string(), businessId: z.string() }),
  'organisation.rename': z.object({ slug: z.string() }),
  'service.register': z.object({ clientId: z.string(), keyKid: z.string().nullable() }),
  'service.key.add': z.object({ clientId: z.string(), kid: z.string() }),
  'service.key.revoke': z.object({ clientId: z.string(), kid: z.string() }),
  'service.webhook.set': z.object({ clientId: z.string(), webhookUrl: z.string().nullable() }),
  'service.status.set': z.object({ clientId: z.string(), status: z.enum(['ACTIVE', 'DISABLED']) }),
  // Officers.
  'officer.create': z.object({ officerId: Id, email: z.string(), roles: Roles, pendingRoles: Roles }),
  'officer.invite': z.object({ officerId: Id, expiresAt: z.string() }),
  'officer.invitation.accept': z.object({ officerId: Id }),
  'officer.roles.set': z.object({ officerId: Id, before: Roles, after: Roles }),
  'officer.roles.propose': z.object({ officerId: Id, current: Roles, proposed: Roles }),
  'officer.roles.confirm': z.object({ officerId: Id, proposedBy: Id, before: Roles, after: Roles }),
  'officer.disable': z.object({ officerId: Id }),
  'officer.sign_in': z.object({ sessionId: Id }),
  'officer.sign_in_failed': z.object({ clientAddress: z.string().nullable() }),
  'officer.locked': z.object({ lockedUntil: z.string(), clientAddress: z.string().nullable() }),
  // Notices to recipients.
  'notice.acknowledge': z.object({ noticeId: Id }),
  'notice.retry': z.object({ noticeId: Id }),
  // Operations.
  'export.resident': None,
  'export.audit_csv': z.object({ filter: z.string() }),
  'export.records_of_processing': None,
  /**
   * The first hub key ring: the key that signs (kid) and the published next one; public kids
   * only. ring: the whole ring (records since the ring check; older ones lack it). recordedLate:
   * a ring was found on storage while no keys.* record existed at all (made before creation was
   * audited, or a crash between writing the key files and committing the record) and a later
   * run recorded it (hub-keys/check-hub-keys.ts).
   */
  'keys.create': z.object({ kid: z.string(), nextKid: z.string(), recordedLate: z.boolean(), ring: Ring.optional() }),
  /** kid: the key that started signing. */
  'keys.rotate': z.object({ kid: z.string(), ring: Ring.optional() }),
  /** kid: the retired key dropped from the JWKS. */
  'keys.purge': z.object({ kid: z.string(), ring: Ring.optional() }),
  /**
   * The ring on storage is not the one the keys.* records leave (a restored backup, a lost
   * rotation record, files swapped on disk): what the log expected (null where older records do
   * not tell) and what was found. Outcome DENIED; production refuses to start until an operator
   * acknowledges it (hub-keys/check-hub-keys.ts, pnpm keys:acknowledge).
   */
  'keys.unrecorded_change': z.object({ expected: ExpectedRing, found: Ring }),
  /** A named operator vouches for the ring found (found) in place of the one expected. */
  'keys.change_acknowledged': z.object({ operator: z.string().min(1).max(200), expected: ExpectedRing, found: Ring }),
} as const;

export type AuditEventKind = keyof typeof AUDIT_EVENT_PAYLOADS;
export type AuditPayload<K extends AuditEventKind> = z.infer<(typeof AUDIT_EVENT_PAYLOADS)[K]>;

export const AUDIT_EVENT_KINDS = Object.keys(AUDIT_EVENT_PAYLOADS) as AuditEventKind[];

export function isAuditEventKind(value: string): value is AuditEventKind {
  return Object.hasOwn(AUDIT_EVENT_PAYLOADS, value);
}

/** The request-level kind that lists the residents a request of `kind` read. */
export type BatchReadKind = Extract<AuditEventKind, `${string}.batch`>;

export function batchKindOf(kind: AuditEventKind): BatchReadKind | undefined {
  const batch = `${kind}.batch`;
  return isAuditEventKind(batch) ? (batch as BatchReadKind) : undefined;
}

export function isBatchReadKind(kind: string | null): kind is BatchReadKind {
  return kind?.endsWith('.batch') === true && isAuditEventKind(kind);
}

/** Reads, consent changes and administration: the explorer and the dashboard group by these. */
export function auditEventGroup(kind: string | null): 'read' | 'consent' | 'administration' {
  if (kind === null || AUDIT_EVENT_PAYLOADS[kind as AuditEventKind] === None || isBatchReadKind(kind)) return 'read';
  return kind.startsWith('consent.') ? 'consent' : 'administration';
}
