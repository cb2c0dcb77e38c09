// Version diffs: every kind of change, and which of them widen what a consent covered.
import { describe, expect, it } from 'vitest';
import { diffPurposeVersions, type VersionSnapshot } from '../../../api/src/purposes/diff-versions.js';

const V1: VersionSnapshot = {
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  retentionDays: 365,
  consentValidityDays: 730,
  categories: [
    { slug: 'identity.name', accessLevel: 'FULL' },
    { slug: 'contact', accessLevel: 'MASKED' },
    { slug: 'interests', accessLevel: 'FULL' },
  ],
  recipients: [{ slug: 'jazz-association' }],
  texts: {
    titleFi: 'Konserttisuositukset',
    titleSv: 'Konserttips',
    titleEn: 'Concert recommendations',
    descriptionFi: 'Kerromme konserteista.',
    descriptionSv: 'Vi berättar om konserter.',
    descriptionEn: 'We tell you about concerts.',
  },
};

describe('diffPurposeVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffPurposeVersions(V1, structuredClone(V1))).toEqual([]);
  });

  it('lists categories added, removed and changed, recipients, basis, retention, validity and texts', () => {
    const v2: VersionSnapshot = {
      ...V1,
      legalBasis: 'PUBLIC_TASK',
      retentionDays: 180,
      consentValidityDays: null,
      categories: [
        { slug: 'identity.name', accessLevel: 'FULL' },
        { slug: 'contact', accessLevel: 'FULL' },
        { slug: 'address', accessLevel: 'GENERALISED' },
      ],
      recipients: [{ slug: 'parish' }],
      texts: { ...V1.texts, titleSv: 'Konserttips för våren' },
    };
    expect(diffPurposeVersions(V1, v2)).toEqual([
      { kind: 'CATEGORY_ADDED', subject: 'address', before: null, after: 'GENERALISED', widensScope: true },
      { kind: 'ACCESS_LEVEL_CHANGED', subject: 'contact', before: 'MASKED', after: 'FULL', widensScope: true },
      { kind: 'CATEGORY_REMOVED', subject: 'interests', before: 'FULL', after: null, widensScope: false },
      {
        kind: 'RECIPIENT_REMOVED',
        subject: 'jazz-association',
        before: 'jazz-association',
        after: null,
        widensScope: false,
      },
      { kind: 'RECIPIENT_ADDED', subject: 'parish', before: null, after: 'parish', widensScope: true },
      {
        kind: 'LEGAL_BASIS_CHANGED',
        subject: 'legalBasis',
        before: 'CONSENT',
        after: 'PUBLIC_TASK',
        widensScope: true,
      },
      { kind: 'RETENTION_CHANGED', subject: 'retentionDays', before: '365', after: '180', widensScope: false },
      {
        kind: 'CONSENT_VALIDITY_CHANGED',
        subject: 'consentValidityDays',
        before: '730',
        after: null,
        widensScope: false,
      },
      {
        kind: 'TEXT_CHANGED',
        subject: 'titleSv',
        before: 'Konserttips',
        after: 'Konserttips för våren',
        widensScope: false,
      },
    ]);
  });

  it('a coarser access level, shorter retention or fewer recipients do not widen the scope', () => {
    const narrower: VersionSnapshot = {
      ...V1,
      retentionDays: 100,
      consentValidityDays: 365,
      categories: V1.categories.map((c) => (c.slug === 'identity.name' ? { ...c, accessLevel: 'MASKED' } : c)),
      recipients: [],
    };
    const changes = diffPurposeVersions(V1, narrower);
    expect(changes.map((c) => c.kind).sort()).toEqual(
      ['ACCESS_LEVEL_CHANGED', 'CONSENT_VALIDITY_CHANGED', 'RECIPIENT_REMOVED', 'RETENTION_CHANGED'].sort(),
    );
    expect(changes.every((c) => !c.widensScope)).toBe(true);
  });

  it('longer retention, longer validity and a new special-category basis widen it', () => {
    const wider: VersionSnapshot = {
      ...V1,
      retentionDays: 400,
      consentValidityDays: 1000,
      specialCategoryBasis: 'EXPLICIT_CONSENT',
    };
    const changes = diffPurposeVersions(V1, wider);
    expect(changes).toHaveLength(3);
    expect(changes.every((c) => c.widensScope)).toBe(true);
  });
});
