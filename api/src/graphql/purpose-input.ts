// The editable content of a purpose version, shared by create and update.
import { z } from 'zod';
import { builder } from './builder.js';
import { decodeId } from './ids.js';

export const LegalBasis = builder.enumType('LegalBasis', {
  values: ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTEREST', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST'] as const,
});
export const SpecialCategoryBasis = builder.enumType('SpecialCategoryBasis', {
  values: [
    'EXPLICIT_CONSENT',
    'EMPLOYMENT_SOCIAL_SECURITY',
    'VITAL_INTERESTS',
    'SUBSTANTIAL_PUBLIC_INTEREST',
    'HEALTH_SOCIAL_CARE',
  ] as const,
});
export const AccessLevel = builder.enumType('AccessLevel', { values: ['FULL', 'MASKED', 'GENERALISED'] as const });

export const PurposeCategoryInput = builder.inputType('PurposeCategoryInput', {
  fields: (t) => ({ categoryId: t.id(), accessLevel: t.field({ type: AccessLevel }) }),
});

const ZTitle = z.string().trim().min(3).max(200);
const ZDescription = z.string().trim().min(10).max(4000);

export const PurposeVersionInput = builder.inputType('PurposeVersionInput', {
  fields: (t) => ({
    legalBasis: t.field({ type: LegalBasis }),
    specialCategoryBasis: t.field({ type: SpecialCategoryBasis, required: false }),
    retentionDays: t.int({ validate: z.number().int().min(1).max(36_500) }),
    consentValidityDays: t.int({ required: false, validate: z.number().int().min(1).max(3650) }),
    categories: t.field({ type: [PurposeCategoryInput], validate: z.array(z.unknown()).min(1).max(50) }),
    recipientIds: t.idList({ validate: z.array(z.unknown()).max(50) }),
    titleFi: t.string({ validate: ZTitle }),
    titleSv: t.string({ validate: ZTitle }),
    titleEn: t.string({ validate: ZTitle }),
    descriptionFi: t.string({ validate: ZDescription }),
    descriptionSv: t.string({ validate: ZDescription }),
    descriptionEn: t.string({ validate: ZDescription }),
  }),
  // Consent has to expire and be asked again; other bases have no consent to expire.
  // looseObject: the parsed value replaces the input, and a plain object would strip every
  // field it does not name.
  validate: z
    .looseObject({ legalBasis: z.string(), consentValidityDays: z.number().nullish() })
    .refine((v) => (v.legalBasis === 'CONSENT') === (v.consentValidityDays != null), {
      message: 'is required when, and only when, the legal basis is CONSENT',
      path: ['consentValidityDays'],
    }),
});

export type PurposeVersionInputShape = typeof PurposeVersionInput.$inferInput;

/** Turns validated input into the columns and child rows of a version. */
export function versionData(input: PurposeVersionInputShape, path = 'input.draft') {
  const categories = input.categories.map((c, i) => ({
    categoryId: decodeId(String(c.categoryId), 'DataCategory', `${path}.categories.${i}.categoryId`),
    accessLevel: c.accessLevel,
  }));
  const recipientIds = input.recipientIds.map((id, i) =>
    decodeId(String(id), 'Organisation', `${path}.recipientIds.${i}`),
  );
  return {
    columns: {
      legalBasis: input.legalBasis,
      specialCategoryBasis: input.specialCategoryBasis ?? null,
      retentionDays: input.retentionDays,
      consentValidityDays: input.consentValidityDays ?? null,
      titleFi: input.titleFi,
      titleSv: input.titleSv,
      titleEn: input.titleEn,
      descriptionFi: input.descriptionFi,
      descriptionSv: input.descriptionSv,
      descriptionEn: input.descriptionEn,
    },
    categories,
    recipientIds: [...new Set(recipientIds)],
  };
}
