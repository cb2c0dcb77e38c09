// Turns what a request read (the privacy gate's access record) into audit records naming
// who asked, for which purpose, what was returned and what was refused and why: one record
// per request, however many residents it read — the resident's own record when it read one,
// a ".batch" record listing them when it read several (event-kinds.ts) — plus one for its
// aggregates. A record per resident made a page of 100 a 100-row insert (docs/performance.md).

import type { Principal } from '../auth/index.js';
import type { DenialReason } from '../privacy/index.js';
import type { AuditOutcome, AuditRecordInput } from './chain.js';
import { type AuditEventKind, batchKindOf, type ResidentReadsPayload } from './event-kinds.js';

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
  const residents = [...record.byResident.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const common = {
    occurredAt: facts.now,
    actorKind: actor.actorKind,
    actorId: actor.actorId,
    organisationId: actor.organisationId,
    serviceId: actor.serviceId,
    purposeId: facts.purposeId,
    purposeVersionId,
    operation: facts.operation,
    reason: facts.statedReason ?? null,
    requestId: facts.requestId,
  };
  const batchKind = batchKindOf(facts.kind);
  if (residents.length < 2 || batchKind === undefined) {
    // One resident (or a kind without a request-level form): the per-resident record.
    const perResident: AuditRecordInput[] = residents.map(([residentId, access]) => {
      const read = readOf(access);
      return { ...common, residentId, ...read, outcome: outcomeOf(read), kind: facts.kind, payload: null };
    });
    return [...perResident, ...aggregate];
  }
  return [{ ...common, ...requestRecord(residents), kind: batchKind }, ...aggregate];
}

type ResidentAccess = { returned: ReadonlySet<string>; denied: ReadonlyMap<string, DenialReason> };
type Read = { fieldsReturned: string[]; fieldsDenied: { field: string; reason: string }[] };

function readOf(access: ResidentAccess): Read {
  const fieldsReturned = [...access.returned].sort();
  const fieldsDenied = [...access.denied.entries()]
    .map(([field, reason]) => ({ field, reason }))
    .sort((a, b) => (a.field < b.field ? -1 : 1));
  return { fieldsReturned, fieldsDenied };
}

function outcomeOf(read: Read): AuditOutcome {
  return read.fieldsDenied.length === 0 ? 'ALLOWED' : read.fieldsReturned.length === 0 ? 'DENIED' : 'PARTIAL';
}

// The request-level record: residents grouped by what they had returned and refused (a page
// read alike is one group), the columns summing up the groups — every field returned to
// anyone, every (field, reason) refused, and ALLOWED / DENIED only when true of every group.
function requestRecord(residents: [string, ResidentAccess][]): Read & {
  residentId: null;
  outcome: AuditOutcome;
  payload: ResidentReadsPayload;
} {
  const groups = new Map<string, ResidentReadsPayload['reads'][number]>();
  for (const [residentId, access] of residents) {
    const read = readOf(access);
    const key = JSON.stringify(read);
    const group = groups.get(key);
    if (group) group.residentIds.push(residentId);
    else groups.set(key, { residentIds: [residentId], ...read });
  }
  // residents are sorted, so each group's ids are, and groups come in order of their first id.
  const reads = [...groups.values()];
  const returned = new Set<string>();
  const denied = new Map<string, { field: string; reason: string }>();
  for (const read of reads) {
    for (const field of read.fieldsReturned) returned.add(field);
    for (const d of read.fieldsDenied) denied.set(`${d.field}\u0000${d.reason}`, d);
  }
  const fieldsDenied = [...denied.values()].sort((a, b) =>
    a.field !== b.field ? (a.field < b.field ? -1 : 1) : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0,
  );
  const outcomes = new Set(reads.map(outcomeOf));
  const outcome: AuditOutcome = outcomes.size === 1 ? (outcomes.values().next().value as AuditOutcome) : 'PARTIAL';
  return { residentId: null, fieldsReturned: [...returned].sort(), fieldsDenied, outcome, payload: { reads } };
}
