// The purposes that concern one resident: every published consent-based purpose (they may
// always choose to consent), and the purposes on other legal bases that actually read their
// data — seen in the audit log, or controlled by an organisation whose service they use.
import type { PrismaClient } from '@lupa/db';
import { aboutResident } from '../audit/about-resident.js';
import { type ConsentRecord, deriveConsentState } from '../privacy/index.js';

export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

export type PurposeState = 'granted' | 'none' | 'withdrawn' | 'expired' | 'unconfirmed';

export interface ResidentPurpose {
  purposeId: string;
  slug: string;
  title: Localized;
  description: Localized;
  legalBasis: string;
  controller: Localized;
  recipients: Localized[];
  categories: string[];
  state: PurposeState;
  expiresAt: Date | null;
  /** The service-recorded consent waiting for the resident's confirmation, if any. */
  pendingConsentId: string | null;
}

export async function findResidentPurposes(
  prisma: PrismaClient,
  residentId: string,
  now: Date,
): Promise<ResidentPurpose[]> {
  const [versions, consents, usages] = await Promise.all([
    prisma.purposeVersion.findMany({
      where: { status: 'PUBLISHED' },
      include: {
        purpose: { include: { controller: true } },
        recipients: { include: { organisation: true } },
        categories: { include: { category: true } },
      },
      orderBy: { titleFi: 'asc' },
    }),
    prisma.consent.findMany({
      where: { residentId },
      include: {
        events: { select: { type: true, occurredAt: true } },
        purposeVersion: {
          select: {
            id: true,
            purposeId: true,
            version: true,
            categories: { select: { accessLevel: true, category: { select: { slug: true } } } },
          },
        },
      },
    }),
    prisma.serviceUsage.findMany({
      where: { residentId },
      select: { organisationId: true },
      distinct: ['organisationId'],
    }),
  ]);
  const otherIds = versions.filter((v) => v.legalBasis !== 'CONSENT').map((v) => v.purposeId);
  const readBy = new Set(
    (
      await prisma.auditEvent.findMany({
        where: { ...aboutResident(residentId), purposeId: { in: otherIds } },
        select: { purposeId: true },
        distinct: ['purposeId'],
      })
    ).map((e) => e.purposeId),
  );
  const usedOrganisations = new Set(usages.map((u) => u.organisationId));
  const records: ConsentRecord[] = consents.map((c) => ({
    grantedAt: c.grantedAt,
    expiresAt: c.expiresAt,
    needsConfirmation: c.needsConfirmation,
    events: c.events,
    consentedVersion: {
      id: c.purposeVersion.id,
      purposeId: c.purposeVersion.purposeId,
      version: c.purposeVersion.version,
      categories: Object.fromEntries(c.purposeVersion.categories.map((x) => [x.category.slug, x.accessLevel])),
    },
  }));
  return versions
    .filter(
      (v) => v.legalBasis === 'CONSENT' || readBy.has(v.purposeId) || usedOrganisations.has(v.purpose.controllerId),
    )
    .map((v) => {
      const state = deriveConsentState({ purposeId: v.purposeId, records, now });
      const pending = consents
        .filter(
          (c) => c.purposeId === v.purposeId && c.needsConfirmation && c.events.every((e) => e.type === 'GRANTED'),
        )
        .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime())[0];
      const org = v.purpose.controller;
      return {
        purposeId: v.purposeId,
        slug: v.purpose.slug,
        title: { fi: v.titleFi, sv: v.titleSv, en: v.titleEn },
        description: { fi: v.descriptionFi, sv: v.descriptionSv, en: v.descriptionEn },
        legalBasis: v.legalBasis,
        controller: { fi: org.nameFi, sv: org.nameSv, en: org.nameEn },
        recipients: v.recipients.map((r) => ({
          fi: r.organisation.nameFi,
          sv: r.organisation.nameSv,
          en: r.organisation.nameEn,
        })),
        categories: v.categories.map((c) => c.category.slug).sort(),
        state: state.kind,
        expiresAt: state.kind === 'granted' ? state.expiresAt : null,
        pendingConsentId: state.kind === 'unconfirmed' ? (pending?.id ?? null) : null,
      };
    });
}
