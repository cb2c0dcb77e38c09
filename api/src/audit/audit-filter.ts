// The audit explorer's filter as callers send it (GraphQL arguments, CSV export query
// parameters) turned into the filter the explorer runs. One parser for every door, so the
// export cannot accept an id or a range the GraphQL query would refuse.
import { LupaValidationError } from '../core/errors.js';
import { decodeId } from '../core/global-ids.js';
import type { AuditFilter } from './explorer.js';

/** Most events a count walks before it answers "at least this many". */
export const AUDIT_COUNT_CAP = 100_000;

/** What a caller may send: global ids, enum values already checked by the adapter. */
export interface AuditFilterInput {
  residentId?: string | null;
  organisationId?: string | null;
  serviceId?: string | null;
  purposeId?: string | null;
  actorKind?: AuditFilter['actorKind'] | null;
  outcome?: AuditFilter['outcome'] | null;
  kinds?: string[] | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Global ids to row ids; an id of the wrong type is a validation error, never a silent miss. */
export function parseAuditFilter(input: AuditFilterInput | null | undefined, path = 'filter'): AuditFilter {
  if (!input) return {};
  if (input.from && input.to && input.from >= input.to) {
    throw new LupaValidationError([{ path: `${path}.to`, message: 'must be later than from' }]);
  }
  const id = (value: string | null | undefined, type: string, name: string) =>
    value ? decodeId(String(value), type, `${path}.${name}`) : undefined;
  return {
    residentId: id(input.residentId, 'Resident', 'residentId'),
    organisationId: id(input.organisationId, 'Organisation', 'organisationId'),
    serviceId: id(input.serviceId, 'Service', 'serviceId'),
    purposeId: id(input.purposeId, 'Purpose', 'purposeId'),
    actorKind: input.actorKind ?? undefined,
    outcome: input.outcome ?? undefined,
    kinds: input.kinds ?? undefined,
    actorId: input.actorId ?? undefined,
    from: input.from ?? undefined,
    to: input.to ?? undefined,
  };
}
