// The resident page's own reads go into the audit log like any other (DESIGN.md "Audit"):
// the record is committed before the page is sent, and if it cannot be, nothing is sent.
import type { AuditRecordInput } from '../audit/chain.js';
import type { AuditEventKind } from '../audit/event-kinds.js';

export function residentReadRecord(input: {
  residentId: string;
  operation: string;
  fields: string[];
  requestId: string;
  now: Date;
  /** A resident reading their own data, unless said otherwise (their export). */
  kind?: Extract<AuditEventKind, 'resident.self_read' | 'export.resident'>;
}): AuditRecordInput {
  return {
    occurredAt: input.now,
    actorKind: 'RESIDENT',
    actorId: input.residentId,
    organisationId: null,
    serviceId: null,
    purposeId: null,
    purposeVersionId: null,
    residentId: input.residentId,
    operation: input.operation,
    outcome: 'ALLOWED',
    fieldsReturned: [...input.fields].sort(),
    fieldsDenied: [],
    reason: null,
    requestId: input.requestId,
    kind: input.kind ?? 'resident.self_read',
    payload: null,
  };
}
