// The engine spells the Prisma enums as its own string unions so it stays free of the
// generated client. These tests hold the two equal, and the category catalogue equal to
// the seeded categories, so a member added on one side fails here rather than being
// silently denied (or worse, misread) in production.
import {
  AccessLevel as DbAccessLevel,
  ConsentEventType as DbConsentEventType,
  LegalBasis as DbLegalBasis,
  OfficerRole as DbOfficerRole,
  PurposeVersionStatus as DbPurposeVersionStatus,
  SpecialCategoryBasis as DbSpecialCategoryBasis,
} from '@lupa/db';
import { reference } from '@lupa/db/seed';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ACCESS_LEVELS,
  type AccessLevel,
  CONSENT_EVENT_TYPES,
  type ConsentEventType,
  DATA_CATEGORY_SLUGS,
  isSpecialCategory,
  LEGAL_BASES,
  type LegalBasis,
  OFFICER_ROLES,
  type OfficerRole,
  PURPOSE_VERSION_STATUSES,
  type PurposeVersionStatus,
  SPECIAL_CATEGORY_BASES,
  type SpecialCategoryBasis,
} from '../../../api/src/privacy/index.js';

const sorted = (values: Iterable<string>) => [...values].sort();

describe('engine vocabulary matches the data model', () => {
  it('has the same enum members as Prisma', () => {
    expect(sorted(LEGAL_BASES)).toEqual(sorted(Object.values(DbLegalBasis)));
    expect(sorted(SPECIAL_CATEGORY_BASES)).toEqual(sorted(Object.values(DbSpecialCategoryBasis)));
    expect(sorted(ACCESS_LEVELS)).toEqual(sorted(Object.values(DbAccessLevel)));
    expect(sorted(PURPOSE_VERSION_STATUSES)).toEqual(sorted(Object.values(DbPurposeVersionStatus)));
    expect(sorted(OFFICER_ROLES)).toEqual(sorted(Object.values(DbOfficerRole)));
    expect(sorted(CONSENT_EVENT_TYPES)).toEqual(sorted(Object.values(DbConsentEventType)));
    expectTypeOf<LegalBasis>().toEqualTypeOf<DbLegalBasis>();
    expectTypeOf<SpecialCategoryBasis>().toEqualTypeOf<DbSpecialCategoryBasis>();
    expectTypeOf<AccessLevel>().toEqualTypeOf<DbAccessLevel>();
    expectTypeOf<PurposeVersionStatus>().toEqualTypeOf<DbPurposeVersionStatus>();
    expectTypeOf<OfficerRole>().toEqualTypeOf<DbOfficerRole>();
    expectTypeOf<ConsentEventType>().toEqualTypeOf<DbConsentEventType>();
  });

  it('knows exactly the seeded data categories, and `special.*` are the SPECIAL ones', () => {
    expect(sorted(DATA_CATEGORY_SLUGS)).toEqual(sorted(reference.DATA_CATEGORIES.map((c) => c.slug)));
    for (const category of reference.DATA_CATEGORIES) {
      expect(isSpecialCategory(category.slug)).toBe(category.sensitivity === 'SPECIAL');
    }
  });

  it('knows every category a seeded purpose version uses', () => {
    const used = reference.PURPOSES.flatMap((p) => p.versions.flatMap((v) => Object.keys(v.categories)));
    expect(used.filter((slug) => !(DATA_CATEGORY_SLUGS as readonly string[]).includes(slug))).toEqual([]);
  });
});
