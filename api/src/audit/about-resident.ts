// Which audit records are about a resident: their own records (residentId) and the
// request-level records that list them among others (residentIds, GIN-indexed; event-kinds.ts
// ".batch" kinds). Every reader that asks "who read this resident's data" goes through here,
// so a read recorded either way is found.
import type { Prisma } from '@lupa/db';
import { isBatchReadKind, type ResidentReadsPayload } from './event-kinds.js';

export function aboutResident(residentId: string): Prisma.AuditEventWhereInput {
  return { OR: [{ residentId }, { residentIds: { has: residentId } }] };
}

/**
 * What a record says was returned and refused for one resident: the record's own columns,
 * or, for a request-level record, the group of its payload that lists the resident.
 */
export function readOfResident(
  event: {
    kind: string | null;
    payload: unknown;
    outcome: 'ALLOWED' | 'PARTIAL' | 'DENIED';
    fieldsReturned: string[];
    fieldsDenied: unknown;
  },
  residentId: string,
): {
  outcome: 'ALLOWED' | 'PARTIAL' | 'DENIED';
  fieldsReturned: string[];
  fieldsDenied: { field: string; reason: string }[];
} {
  if (isBatchReadKind(event.kind)) {
    const group = (event.payload as ResidentReadsPayload).reads.find((r) => r.residentIds.includes(residentId));
    if (group) {
      const outcome =
        group.fieldsDenied.length === 0 ? 'ALLOWED' : group.fieldsReturned.length === 0 ? 'DENIED' : 'PARTIAL';
      return { outcome, fieldsReturned: group.fieldsReturned, fieldsDenied: group.fieldsDenied };
    }
  }
  return {
    outcome: event.outcome,
    fieldsReturned: event.fieldsReturned,
    fieldsDenied: event.fieldsDenied as { field: string; reason: string }[],
  };
}
