// Names for the ids an audit page mentions, loaded once per page (a few queries however
// many rows), never per row.
//
// The actor's name: an officer's name or a service's, for the officers and auditors who read
// the audit log (audit:read) and its CSV export. A resident who acted is never named — not
// here, not anywhere this type is served: only officers and services are looked up, so a
// resident actor's name is null whatever their id, and the explorer shows "resident".
import type { PrismaClient } from '@lupa/db';
import type { AuditEventRow } from './explorer.js';

export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

export interface LabelledAuditEvent {
  row: AuditEventRow;
  organisationSlug: string | null;
  organisationName: Localized | null;
  serviceName: string | null;
  /** The officer's or service's name; null for residents (never named), the system and unknown ids. */
  actorName: string | null;
  purposeSlug: string | null;
  purposeVersion: number | null;
  fieldsDenied: { field: string; reason: string }[];
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

// Officer and service ids are UUID columns: an actor id that is not one names nobody, and
// must not reach the query, where it would fail the whole page.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function actorIds(rows: AuditEventRow[], kind: 'OFFICER' | 'SERVICE'): (string | null)[] {
  return rows.map((r) => (r.actorKind === kind && r.actorId && UUID.test(r.actorId) ? r.actorId : null));
}

export async function labelAuditEvents(prisma: PrismaClient, rows: AuditEventRow[]): Promise<LabelledAuditEvent[]> {
  const officerIds = distinct(actorIds(rows, 'OFFICER'));
  const [organisations, services, versions, officers] = await Promise.all([
    prisma.organisation.findMany({
      where: { id: { in: distinct(rows.map((r) => r.organisationId)) } },
      select: { id: true, slug: true, nameFi: true, nameSv: true, nameEn: true },
    }),
    prisma.service.findMany({
      where: { id: { in: distinct([...rows.map((r) => r.serviceId), ...actorIds(rows, 'SERVICE')]) } },
      select: { id: true, name: true },
    }),
    prisma.purposeVersion.findMany({
      where: { id: { in: distinct(rows.map((r) => r.purposeVersionId)) } },
      select: { id: true, version: true, purpose: { select: { slug: true } } },
    }),
    officerIds.length
      ? prisma.officer.findMany({ where: { id: { in: officerIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const officerNameById = new Map(officers.map((o) => [o.id, o.name]));
  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  const serviceById = new Map(services.map((s) => [s.id, s.name]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  // Events of officers carry a purpose id but no version (they act under the supervision
  // purpose); their slug comes from the purpose itself.
  const unversioned = distinct(rows.filter((r) => r.purposeId && !r.purposeVersionId).map((r) => r.purposeId));
  const purposes = unversioned.length
    ? await prisma.purpose.findMany({ where: { id: { in: unversioned } }, select: { id: true, slug: true } })
    : [];
  const purposeSlugById = new Map(purposes.map((p) => [p.id, p.slug]));
  return rows.map((row) => {
    const organisation = row.organisationId ? organisationById.get(row.organisationId) : undefined;
    const version = row.purposeVersionId ? versionById.get(row.purposeVersionId) : undefined;
    return {
      row,
      organisationSlug: organisation?.slug ?? null,
      organisationName: organisation
        ? { fi: organisation.nameFi, sv: organisation.nameSv, en: organisation.nameEn }
        : null,
      serviceName: row.serviceId ? (serviceById.get(row.serviceId) ?? null) : null,
      actorName: actorNameOf(row, officerNameById, serviceById),
      purposeSlug: version?.purpose.slug ?? (row.purposeId ? (purposeSlugById.get(row.purposeId) ?? null) : null),
      purposeVersion: version?.version ?? null,
      fieldsDenied: Array.isArray(row.fieldsDenied) ? (row.fieldsDenied as { field: string; reason: string }[]) : [],
    };
  });
}

function actorNameOf(
  row: AuditEventRow,
  officers: ReadonlyMap<string, string>,
  services: ReadonlyMap<string, string>,
): string | null {
  if (!row.actorId) return null;
  if (row.actorKind === 'OFFICER') return officers.get(row.actorId) ?? null;
  if (row.actorKind === 'SERVICE') return services.get(row.actorId) ?? null;
  return null; // RESIDENT: never named; SYSTEM: the id says which job or operator
}
