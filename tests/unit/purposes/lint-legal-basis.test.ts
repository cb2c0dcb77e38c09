// The legal-basis linter as a decision table: each row changes a clean draft in one way and
// names exactly the codes that must appear. A clean draft yields nothing, so any code in a
// row's result comes from that row's change.
import { describe, expect, it } from 'vitest';
import {
  lintPurposeDraft,
  looksLikePublicTask,
  type PurposeDraftFacts,
} from '../../../api/src/purposes/lint-legal-basis.js';
import { LINT_MESSAGES } from '../../../api/src/purposes/lint-messages.js';

const CLEAN: PurposeDraftFacts = {
  controllerKind: 'THIRD_SECTOR',
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  retentionDays: 365,
  consentValidityDays: 730,
  categories: [
    { slug: 'identity.name', sensitivity: 'NORMAL', accessLevel: 'FULL' },
    { slug: 'contact', sensitivity: 'NORMAL', accessLevel: 'FULL' },
  ],
  recipientKinds: [],
  texts: {
    titleFi: 'Kevään konserttisuositukset',
    titleSv: 'Vårens konserttips',
    titleEn: 'Spring concert recommendations',
    descriptionFi: 'Kerromme jazzkonserteista.',
    descriptionSv: 'Vi berättar om jazzkonserter.',
    descriptionEn: 'We tell you about jazz concerts.',
  },
};

const SPECIAL = { slug: 'special.accessibility', sensitivity: 'SPECIAL', accessLevel: 'FULL' } as const;
const PIC = { slug: 'identity.pic', sensitivity: 'HIGH', accessLevel: 'FULL' } as const;
const MUNICIPAL_PUBLIC_TASK = {
  controllerKind: 'MUNICIPAL',
  legalBasis: 'PUBLIC_TASK',
  consentValidityDays: null,
} as const;

const TABLE: [string, Partial<PurposeDraftFacts>, string[]][] = [
  ['a clean third-sector consent purpose', {}, []],
  ['a municipal public task', MUNICIPAL_PUBLIC_TASK, []],
  ['no legal basis yet', { legalBasis: null, consentValidityDays: null }, ['LEGAL_BASIS_MISSING']],
  ['municipal consent for a plain newsletter', { controllerKind: 'MUNICIPAL' }, ['CONSENT_BY_PUBLIC_AUTHORITY']],
  [
    'municipal consent for permit applications',
    { controllerKind: 'MUNICIPAL', texts: { ...CLEAN.texts, titleEn: 'Building permit applications' } },
    ['CONSENT_FOR_PUBLIC_TASK'],
  ],
  [
    'municipal consent that needs identity codes',
    { controllerKind: 'MUNICIPAL', categories: [...CLEAN.categories, PIC] },
    ['CONSENT_FOR_PUBLIC_TASK'],
  ],
  [
    'municipal legitimate interest',
    { controllerKind: 'MUNICIPAL', legalBasis: 'LEGITIMATE_INTEREST', consentValidityDays: null },
    ['LEGITIMATE_INTEREST_BY_AUTHORITY'],
  ],
  ['third-sector legitimate interest', { legalBasis: 'LEGITIMATE_INTEREST', consentValidityDays: null }, []],
  [
    'a special category without an Art. 9 basis',
    { categories: [...CLEAN.categories, SPECIAL] },
    ['SPECIAL_CATEGORY_WITHOUT_BASIS'],
  ],
  [
    'a special category with explicit consent',
    { categories: [...CLEAN.categories, SPECIAL], specialCategoryBasis: 'EXPLICIT_CONSENT' },
    [],
  ],
  [
    'an Art. 9 basis without a special category',
    { specialCategoryBasis: 'EXPLICIT_CONSENT' },
    ['SPECIAL_BASIS_WITHOUT_SPECIAL_CATEGORY'],
  ],
  [
    'explicit consent under a public task',
    { ...MUNICIPAL_PUBLIC_TASK, categories: [...CLEAN.categories, SPECIAL], specialCategoryBasis: 'EXPLICIT_CONSENT' },
    ['EXPLICIT_CONSENT_WITHOUT_CONSENT'],
  ],
  ['no retention', { retentionDays: null }, ['RETENTION_MISSING']],
  ['zero retention', { retentionDays: 0 }, ['RETENTION_MISSING']],
  ['retention of exactly ten years', { retentionDays: 3653 }, []],
  ['retention over ten years', { retentionDays: 3654 }, ['RETENTION_OVER_TEN_YEARS']],
  ['consent without validity', { consentValidityDays: null }, ['CONSENT_VALIDITY_MISSING']],
  [
    'validity without consent',
    { ...MUNICIPAL_PUBLIC_TASK, consentValidityDays: 365 },
    ['CONSENT_VALIDITY_WITHOUT_CONSENT'],
  ],
  ['no categories', { categories: [] }, ['NO_CATEGORIES']],
  [
    'the full identity code to an association',
    { categories: [...CLEAN.categories, PIC], recipientKinds: ['THIRD_SECTOR'] },
    ['IDENTITY_CODE_TO_THIRD_SECTOR'],
  ],
  [
    'a masked identity code to an association',
    { categories: [...CLEAN.categories, { ...PIC, accessLevel: 'MASKED' }], recipientKinds: ['THIRD_SECTOR'] },
    [],
  ],
  ['a missing Swedish title', { texts: { ...CLEAN.texts, titleSv: '  ' } }, ['TEXT_MISSING']],
];

describe('lintPurposeDraft decision table', () => {
  it.each(TABLE)('%s', (_name, change, codes) => {
    const warnings = lintPurposeDraft({ ...CLEAN, ...change });
    expect(warnings.map((w) => w.code).sort()).toEqual([...codes].sort());
  });

  it('points at the field each warning is about', () => {
    const warnings = lintPurposeDraft({ ...CLEAN, texts: {}, retentionDays: null });
    expect(warnings.filter((w) => w.code === 'TEXT_MISSING').map((w) => w.field)).toEqual([
      'titleFi',
      'titleSv',
      'titleEn',
      'descriptionFi',
      'descriptionSv',
      'descriptionEn',
    ]);
    expect(warnings.find((w) => w.code === 'RETENTION_MISSING')?.field).toBe('retentionDays');
  });

  it('an empty draft reports every missing piece and nothing about a basis it does not have', () => {
    const codes = lintPurposeDraft({
      controllerKind: null,
      legalBasis: null,
      specialCategoryBasis: null,
      retentionDays: null,
      consentValidityDays: null,
      categories: [],
      recipientKinds: [],
      texts: {},
    }).map((w) => w.code);
    expect(new Set(codes)).toEqual(
      new Set(['LEGAL_BASIS_MISSING', 'RETENTION_MISSING', 'NO_CATEGORIES', 'TEXT_MISSING']),
    );
  });
});

describe('lint messages', () => {
  it('every code has a severity and a sentence in Finnish, Swedish and English', () => {
    for (const [code, { severity, message }] of Object.entries(LINT_MESSAGES)) {
      expect(['ERROR', 'WARNING', 'INFO'], code).toContain(severity);
      for (const text of [message.fi, message.sv, message.en]) expect(text.length, code).toBeGreaterThan(20);
      expect(new Set([message.fi, message.sv, message.en]).size, code).toBe(3);
    }
  });
});

describe('looksLikePublicTask', () => {
  it.each([
    ['Varhaiskasvatushakemus', true],
    ['Ansökan om bygglov', true],
    ['Statutory school health records', true],
    ['Kevään jazzkonsertit', false],
    ['Frisbeegolfradan suunnittelu', false],
  ])('%s → %s', (title, expected) => {
    expect(looksLikePublicTask({ ...CLEAN, texts: { titleFi: title } })).toBe(expected);
  });
});
