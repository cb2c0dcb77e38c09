// Everything Lupa holds about one resident (GDPR Art. 15 access, Art. 20 portability), as
// one JSON document. Only rows keyed to this resident are read; the identity code is
// decrypted for its owner alone.
import { decryptPic, type PicKeys, type PrismaClient } from '@lupa/db';
import { findResidentAccessLog } from '../audit/access-log.js';
import { residentFieldCategory } from '../privacy/personal-fields.js';

/** The Resident fields the export returns, named as the schema names them (for the audit record). */
export const EXPORTED_FIELDS = [
  'firstName',
  'lastName',
  'personalIdentityCode',
  'birthDate',
  'language',
  'householdType',
  'email',
  'phone',
  'streetAddress',
  'postalCode',
  'city',
  'district',
  'interests',
  'serviceUsages',
  'accessibilityNeeds',
];

export async function buildResidentExport(input: {
  prisma: PrismaClient;
  picKeys: PicKeys;
  residentId: string;
  now: Date;
}): Promise<Record<string, unknown>> {
  const { prisma, residentId, now } = input;
  const resident = await prisma.resident.findUniqueOrThrow({
    where: { id: residentId },
    include: {
      interests: { include: { topic: true } },
      serviceUsages: { include: { organisation: true } },
      accessibilityNeeds: true,
      consents: {
        include: {
          purpose: { select: { slug: true } },
          purposeVersion: { select: { version: true, titleFi: true, titleSv: true, titleEn: true, legalBasis: true } },
          events: { orderBy: { occurredAt: 'asc' } },
        },
        orderBy: { grantedAt: 'asc' },
      },
    },
  });
  const accessLog = await findResidentAccessLog(prisma, {
    residentId,
    forResident: true,
    now,
    categoryOf: residentFieldCategory,
    first: 10_000,
  });
  return {
    exportedAt: now.toISOString(),
    identity: {
      id: resident.id,
      firstName: resident.firstName,
      lastName: resident.lastName,
      personalIdentityCode: decryptPic(resident.picCiphertext, input.picKeys),
      birthDate: resident.birthDate.toISOString().slice(0, 10),
    },
    contact: { email: resident.email, phone: resident.phone },
    address: {
      streetAddress: resident.streetAddress,
      postalCode: resident.postalCode,
      city: resident.city,
      district: resident.district,
    },
    preferences: { language: resident.language, householdType: resident.householdType },
    restrictionOfProcessing: resident.restricted,
    interests: resident.interests.map((i) => ({
      topic: i.topic.slug,
      name: { fi: i.topic.nameFi, sv: i.topic.nameSv, en: i.topic.nameEn },
      declaredAt: i.declaredAt.toISOString(),
    })),
    serviceUsage: resident.serviceUsages.map((u) => ({
      kind: u.kind,
      offeringCode: u.offeringCode,
      offeringName: u.offeringName,
      organisation: { fi: u.organisation.nameFi, sv: u.organisation.nameSv, en: u.organisation.nameEn },
      startedAt: u.startedAt.toISOString(),
      endedAt: u.endedAt?.toISOString() ?? null,
    })),
    accessibilityNeeds: resident.accessibilityNeeds.map((a) => ({ kind: a.kind, note: a.note })),
    consents: resident.consents.map((c) => ({
      id: c.id,
      purpose: c.purpose.slug,
      purposeVersion: c.purposeVersion.version,
      title: { fi: c.purposeVersion.titleFi, sv: c.purposeVersion.titleSv, en: c.purposeVersion.titleEn },
      legalBasis: c.purposeVersion.legalBasis,
      channel: c.channel,
      grantedAt: c.grantedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      needsConfirmation: c.needsConfirmation,
      wordingShown: c.wordingShown,
      events: c.events.map((e) => ({
        id: e.id,
        type: e.type,
        occurredAt: e.occurredAt.toISOString(),
        channel: e.channel,
        actorKind: e.actorKind,
        receipt: e.receiptJws,
      })),
    })),
    accessLog: accessLog.map((e) => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
      actorKind: e.actorKind,
      organisation: e.organisation,
      service: e.service,
      purpose: e.purposeSlug,
      categories: e.categories,
      deniedCategories: e.deniedCategories,
      outcome: e.outcome,
    })),
  };
}
