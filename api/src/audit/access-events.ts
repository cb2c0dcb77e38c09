// Turns what a request read (the privacy gate's access record) into audit records: one per
// resident, naming who asked, for which purpose, what was returned and what was refused
// and why.

import type { Principal } from '../auth/index.js';
import type { DenialReason } from '../privacy/index.js';
import type { AuditRecordInput } from './chain.js';
import type { AuditEventKind } from './event-kinds.js';

/** What one request read and was refused, per resident (the privacy gate keeps it). */
export interface AccessSummary {
  byResident: ReadonlyMap<string, { returned: ReadonlySet<string>; denied: ReadonlyMap<string, DenialReason> }>;
  aggregates: ReadonlySet<string>;
}

export interface RequestFacts {
  principal: Principal;
  purposeId: string | null;
  operation: string;
  requestId: string;
  now: Date;
  /** The reason an officer stated for this read, if any. */
  statedReason?: string | null;
  /** What kind of read (or write) the request was; aggregates are always insight.query. */
  kind: AuditEventKind;
}

export function accessEvents(record: AccessSummary, facts: RequestFacts): AuditRecordInput[] {
  const { principal } = facts;
  const actor =
    principal.kind === 'service'
      ? {
          actorKind: 'SERVICE' as const,
          actorId: principal.serviceId,
          organisationId: principal.organisationId,
          serviceId: principal.serviceId,
        }
      : principal.kind === 'officer'
        ? { actorKind: 'OFFICER' as const, actorId: principal.officerId, organisationId: null, serviceId: null }
        : principal.kind === 'resident'
          ? { actorKind: 'RESIDENT' as const, actorId: principal.residentId, organisationId: null, serviceId: null }
          : { actorKind: 'SYSTEM' as const, actorId: null, organisationId: null, serviceId: null };
  const purposeVersionId = principal.kind === 'service' ? principal.purposeVersionId : null;
  const aggregate: AuditRecordInput[] =
    record.aggregates.size === 0
      ? []
      : [
          {
            occurredAt: facts.now,
            actorKind: actor.actorKind,
            actorId: actor.actorId,
            organisationId: actor.organisationId,
            serviceId: actor.serviceId,
            purposeId: facts.purposeId,
            purposeVersionId,
            residentId: null,
            operation: facts.operation,
            outcome: 'ALLOWED',
            fieldsReturned: [...record.aggregates].sort(),
            fieldsDenied: [],
            reason: facts.statedReason ?? null,
            requestId: facts.requestId,
            kind: 'insight.query',
            payload: null,
          },
        ];
  const perResident: AuditRecordInput[] = [...record.byResident.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([residentId, access]) => {
      const fieldsReturned = [...access.returned].sort();
      const fieldsDenied = [...access.denied.entries()]
        .map(([field, reason]) => ({ field, reason }))
        .sort((a, b) => (a.field < b.field ? -1 : 1));
      return {
        // Members written out, not spread: this runs once per resident on a page.
        occurredAt: facts.now,
        actorKind: actor.actorKind,
        actorId: actor.actorId,
        organisationId: actor.organisationId,
        serviceId: actor.serviceId,
        purposeId: facts.purposeId,
        purposeVersionId,
        residentId,
        operation: facts.operation,
        outcome: fieldsDenied.length === 0 ? 'ALLOWED' : fieldsReturned.length === 0 ? 'DENIED' : 'PARTIAL',
        fieldsReturned,
        fieldsDenied,
        reason: facts.statedReason ?? null,
        requestId: facts.requestId,
        kind: facts.kind,
        payload: null,
      };
    });
  return [...perResident, ...aggregate];
}
