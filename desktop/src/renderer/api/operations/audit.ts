import { operation } from '../operation.js';
import type { Connection, Localized } from './common.js';

export interface ChainVerification {
  ok: boolean;
  verified: number;
  headSeq: string | null;
  firstBrokenSeq: string | null;
  kind: string | null;
  message: string | null;
  checkpointSeq: string | null;
}

export const VERIFY_AUDIT_CHAIN = operation<{ verifyAuditChain: ChainVerification }>(
  'query VerifyAuditChain { verifyAuditChain { ok verified headSeq firstBrokenSeq kind message checkpointSeq } }',
);

export type AuditOutcome = 'ALLOWED' | 'PARTIAL' | 'DENIED';
export type ActorKind = 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';

export interface AuditFilter {
  residentId?: string;
  organisationId?: string;
  serviceId?: string;
  purposeId?: string;
  actorKind?: ActorKind;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export interface AuditEventView {
  seq: string;
  occurredAt: string;
  actorKind: ActorKind;
  organisationName: Localized | null;
  serviceName: string | null;
  purposeSlug: string | null;
  purposeVersion: number | null;
  residentId: string | null;
  operation: string;
  outcome: AuditOutcome;
  fieldsReturned: string[];
  fieldsDenied: { field: string; reason: string }[];
  reason: string | null;
  requestId: string;
}

export const AUDIT_EVENTS = operation<
  { auditEvents: Connection<AuditEventView>; auditEventCount: { count: number; exact: boolean } },
  { filter: AuditFilter; first: number; after?: string | null }
>(
  `query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      edges { cursor node {
        seq occurredAt actorKind organisationName { fi sv en } serviceName purposeSlug purposeVersion
        residentId operation outcome fieldsReturned fieldsDenied { field reason } reason requestId
      } }
      pageInfo { hasNextPage endCursor }
    }
    auditEventCount(filter: $filter) { count exact }
  }`,
);
