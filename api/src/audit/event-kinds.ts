// Every kind of audit event, with the payload each carries: one typed list for reads,
// consent changes and administration. A kind is written into the hash chain (chain.ts), so
// a kind is never renamed or given a different payload shape: add a new kind instead.
// Payloads hold ids, slugs and role names — never a resident's personal data (the columns
// residentId and fieldsReturned say whose data and which fields), never a secret.
import { z } from 'zod';

const Id = z.string().max(200);
const Roles = z.array(z.enum(['ADMIN', 'OFFICER', 'AUDITOR'])).max(3);
const None = z.null();

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
  'keys.rotate': z.object({ kid: z.string() }),
} as const;

export type AuditEventKind = keyof typeof AUDIT_EVENT_PAYLOADS;
export type AuditPayload<K extends AuditEventKind> = z.infer<(typeof AUDIT_EVENT_PAYLOADS)[K]>;

export const AUDIT_EVENT_KINDS = Object.keys(AUDIT_EVENT_PAYLOADS) as AuditEventKind[];

export function isAuditEventKind(value: string): value is AuditEventKind {
  return Object.hasOwn(AUDIT_EVENT_PAYLOADS, value);
}

/** Reads, consent changes and administration: the explorer and the dashboard group by these. */
export function auditEventGroup(kind: string | null): 'read' | 'consent' | 'administration' {
  if (kind === null || AUDIT_EVENT_PAYLOADS[kind as AuditEventKind] === None) return 'read';
  return kind.startsWith('consent.') ? 'consent' : 'administration';
}
