// The audit explorer's filter form as data, and how it becomes the API's filter. No
// React and no transport here, so unit tests can load it.
import type { ActorKind, AuditFilter, AuditOutcome } from '../api/operations/audit.js';

export interface FilterForm {
  residentCode: string;
  residentReason: string;
  residentId: string;
  kind: string;
  organisationId: string;
  serviceId: string;
  purposeId: string;
  actorKind: string;
  actorId: string;
  outcome: string;
  from: string;
  to: string;
}

export function emptyFilterForm(patch: Partial<FilterForm> = {}): FilterForm {
  return {
    residentCode: '',
    residentReason: '',
    residentId: '',
    kind: '',
    organisationId: '',
    serviceId: '',
    purposeId: '',
    actorKind: '',
    actorId: '',
    outcome: '',
    from: '',
    to: '',
    ...patch,
  };
}

/** The form's non-empty fields as the API's filter; dates are whole days in UTC. */
export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.residentId.trim()) filter.residentId = form.residentId.trim();
  if (form.kind) filter.kinds = [form.kind];
  if (form.organisationId) filter.organisationId = form.organisationId;
  if (form.serviceId) filter.serviceId = form.serviceId;
  if (form.purposeId) filter.purposeId = form.purposeId;
  if (form.actorKind) filter.actorKind = form.actorKind as ActorKind;
  if (form.actorId.trim()) filter.actorId = form.actorId.trim();
  if (form.outcome) filter.outcome = form.outcome as AuditOutcome;
  if (form.from) filter.from = new Date(`${form.from}T00:00:00Z`).toISOString();
  if (form.to) filter.to = new Date(new Date(`${form.to}T00:00:00Z`).getTime() + 86_400_000).toISOString();
  return filter;
}
