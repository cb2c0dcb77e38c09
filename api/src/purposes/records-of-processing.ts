// Records of processing activities (GDPR Art. 30(1)), generated from the purpose registry
// so the register can never drift from what the privacy engine enforces. One row per
// purpose: its version in force, or — for a retired purpose whose data may still be held
// within its retention — its last version. The personal fields under each category come
// from the one typed field table (privacy/personal-fields.ts) the schema and the engine use,
// so the register names exactly the fields a purpose's categories open.
import type { PrismaClient } from '@lupa/db';
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { RESIDENT_FIELD_CATEGORIES } from '../privacy/personal-fields.js';

export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

export interface ProcessingRecord {
  purposeId: string;
  purposeSlug: string;
  version: number;
  status: 'PUBLISHED' | 'RETIRED';
  controller: { slug: string; businessId: string; name: Localized };
  name: Localized;
  description: Localized;
  legalBasis: string;
  specialCategoryBasis: string | null;
  dataCategories: {
    slug: string;
    name: Localized;
    sensitivity: string;
    accessLevel: string;
    /** The personal fields of residents this category covers, from the field table. */
    fields: string[];
  }[];
  recipients: { slug: string; businessId: string; name: Localized }[];
  retentionDays: number;
  consentValidityDays: number | null;
  dataSubjects: Localized;
  thirdCountryTransfers: Localized;
  publishedAt: Date | null;
}

// Lupa holds only residents' data and sends nothing outside the EU/EEA: both are facts of
// the installation, stated once here (Art. 30(1)(c) and (e)).
const DATA_SUBJECTS: Localized = {
  fi: 'Kunnan asukkaat',
  sv: 'Kommunens invånare',
  en: 'Residents of the municipality',
};
const NO_TRANSFERS: Localized = {
  fi: 'Ei siirtoja EU:n tai ETA:n ulkopuolelle',
  sv: 'Inga överföringar utanför EU eller EES',
  en: 'No transfers outside the EU or EEA',
};

const localized = (o: { nameFi: string; nameSv: string; nameEn: string }): Localized => ({
  fi: o.nameFi,
  sv: o.nameSv,
  en: o.nameEn,
});

/** Resident fields by the category they read, in the field table's order. */
export function personalFieldsOf(category: string): string[] {
  return Object.entries(RESIDENT_FIELD_CATEGORIES)
    .filter(([, slug]) => slug === category)
    .map(([field]) => field);
}

/**
 * The records as an officer exports them: the export is itself recorded
 * (export.records_of_processing, the officer as actor) in the transaction that reads them.
 */
export function exportRecordsOfProcessing(options: WriteOptions): Promise<ProcessingRecord[]> {
  return auditedTransaction(options.prisma, async (tx) => ({
    result: await findRecordsOfProcessing(tx),
    audit: [auditEvent(options, { kind: 'export.records_of_processing', payload: null })],
  }));
}

export async function findRecordsOfProcessing(
  prisma: Pick<PrismaClient, 'purposeVersion'>,
): Promise<ProcessingRecord[]> {
  const versions = await prisma.purposeVersion.findMany({
    where: { status: { in: ['PUBLISHED', 'RETIRED'] } },
    orderBy: [{ purpose: { slug: 'asc' } }, { version: 'desc' }],
    include: {
      purpose: { include: { controller: true } },
      categories: { include: { category: true } },
      recipients: { include: { organisation: true } },
    },
  });
  const chosen = new Map<string, (typeof versions)[number]>();
  for (const version of versions) {
    const current = chosen.get(version.purposeId);
    // The published version wins; otherwise the newest retired one (rows come newest first).
    if (!current || (current.status !== 'PUBLISHED' && version.status === 'PUBLISHED')) {
      chosen.set(version.purposeId, version);
    }
  }
  return [...chosen.values()].map((v) => ({
    purposeId: v.purposeId,
    purposeSlug: v.purpose.slug,
    version: v.version,
    status: v.status as 'PUBLISHED' | 'RETIRED',
    controller: {
      slug: v.purpose.controller.slug,
      businessId: v.purpose.controller.businessId,
      name: localized(v.purpose.controller),
    },
    name: { fi: v.titleFi, sv: v.titleSv, en: v.titleEn },
    description: { fi: v.descriptionFi, sv: v.descriptionSv, en: v.descriptionEn },
    legalBasis: v.legalBasis,
    specialCategoryBasis: v.specialCategoryBasis,
    dataCategories: v.categories
      .map((c) => ({
        slug: c.category.slug,
        name: localized(c.category),
        sensitivity: c.category.sensitivity,
        accessLevel: c.accessLevel,
        fields: personalFieldsOf(c.category.slug),
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    recipients: v.recipients
      .map((r) => ({
        slug: r.organisation.slug,
        businessId: r.organisation.businessId,
        name: localized(r.organisation),
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    retentionDays: v.retentionDays,
    consentValidityDays: v.consentValidityDays,
    dataSubjects: DATA_SUBJECTS,
    thirdCountryTransfers: NO_TRANSFERS,
    publishedAt: v.publishedAt,
  }));
}
