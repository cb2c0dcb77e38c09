// Names for the ids an audit page mentions, loaded once per page (three queries however
// many rows), never per row.
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
  purposeSlug: string | null;
  purposeVersion: number | null;
  fieldsDenied: { field: string; reason: string }[];
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

export async function labelAuditEvents(prisma: PrismaClient, rows: AuditEventRow[]): Promise<LabelledAuditEvent[]> {
  const [organisations, services, versions] = await Promise.all([
    prisma.organisation.findMany({
      where: { id: { in: distinct(rows.map((r) => r.organisationId)) } },
      select: { id: true, slug: true, nameFi: true, nameSv: true, nameEn: true },
    }),
    prisma.service.findMany({
      where: { id: { in: distinct(rows.map((r) => r.serviceId)) } },
      select: { id: true, name: true },
    }),
    prisma.purposeVersion.findMany({
      where: { id: { in: distinct(rows.map((r) => r.purposeVersionId)) } },
      select: { id: true, version: true, purpose: { select: { slug: true } } },
    }),
  ]);
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
      purposeSlug: version?.purpose.slug ?? (row.purposeId ? (purposeSlugById.get(row.purposeId) ?? null) : null),
      purposeVersion: version?.version ?? null,
      fieldsDenied: Array.isArray(row.fieldsDenied) ? (row.fieldsDenied as { field: string; reason: string }[]) : [],
    };
  });
}
