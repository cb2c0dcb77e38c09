// What changed between two versions of a purpose, for the version history and for the
// approver. `widensScope` marks changes that take more from residents than the older version
// did — more categories, a finer access level, another recipient, another basis — the
// changes that make a consent to the old version not cover the new one.

export type AccessLevel = 'GENERALISED' | 'MASKED' | 'FULL';

export interface VersionSnapshot {
  legalBasis: string;
  specialCategoryBasis: string | null;
  retentionDays: number;
  consentValidityDays: number | null;
  categories: { slug: string; accessLevel: AccessLevel }[];
  recipients: { slug: string }[];
  texts: Record<'titleFi' | 'titleSv' | 'titleEn' | 'descriptionFi' | 'descriptionSv' | 'descriptionEn', string>;
}

export type ChangeKind =
  | 'CATEGORY_ADDED'
  | 'CATEGORY_REMOVED'
  | 'ACCESS_LEVEL_CHANGED'
  | 'RECIPIENT_ADDED'
  | 'RECIPIENT_REMOVED'
  | 'LEGAL_BASIS_CHANGED'
  | 'SPECIAL_CATEGORY_BASIS_CHANGED'
  | 'RETENTION_CHANGED'
  | 'CONSENT_VALIDITY_CHANGED'
  | 'TEXT_CHANGED';

export interface VersionChange {
  kind: ChangeKind;
  /** The category or recipient slug, the text field, or the attribute that changed. */
  subject: string;
  before: string | null;
  after: string | null;
  widensScope: boolean;
}

const LEVEL_RANK: Record<AccessLevel, number> = { GENERALISED: 1, MASKED: 2, FULL: 3 };

const show = (value: string | number | null) => (value === null ? null : String(value));

export function diffPurposeVersions(before: VersionSnapshot, after: VersionSnapshot): VersionChange[] {
  const changes: VersionChange[] = [];
  const change = (kind: ChangeKind, subject: string, from: string | null, to: string | null, widens: boolean) =>
    changes.push({ kind, subject, before: from, after: to, widensScope: widens });

  const oldLevels = new Map(before.categories.map((c) => [c.slug, c.accessLevel]));
  const newLevels = new Map(after.categories.map((c) => [c.slug, c.accessLevel]));
  for (const slug of [...new Set([...oldLevels.keys(), ...newLevels.keys()])].sort()) {
    const from = oldLevels.get(slug);
    const to = newLevels.get(slug);
    if (!from && to) change('CATEGORY_ADDED', slug, null, to, true);
    else if (from && !to) change('CATEGORY_REMOVED', slug, from, null, false);
    else if (from && to && from !== to) {
      change('ACCESS_LEVEL_CHANGED', slug, from, to, LEVEL_RANK[to] > LEVEL_RANK[from]);
    }
  }

  const oldRecipients = new Set(before.recipients.map((r) => r.slug));
  const newRecipients = new Set(after.recipients.map((r) => r.slug));
  for (const slug of [...new Set([...oldRecipients, ...newRecipients])].sort()) {
    if (!oldRecipients.has(slug)) change('RECIPIENT_ADDED', slug, null, slug, true);
    else if (!newRecipients.has(slug)) change('RECIPIENT_REMOVED', slug, slug, null, false);
  }

  if (before.legalBasis !== after.legalBasis) {
    change('LEGAL_BASIS_CHANGED', 'legalBasis', before.legalBasis, after.legalBasis, true);
  }
  if (before.specialCategoryBasis !== after.specialCategoryBasis) {
    change(
      'SPECIAL_CATEGORY_BASIS_CHANGED',
      'specialCategoryBasis',
      before.specialCategoryBasis,
      after.specialCategoryBasis,
      true,
    );
  }
  if (before.retentionDays !== after.retentionDays) {
    change(
      'RETENTION_CHANGED',
      'retentionDays',
      show(before.retentionDays),
      show(after.retentionDays),
      after.retentionDays > before.retentionDays,
    );
  }
  if (before.consentValidityDays !== after.consentValidityDays) {
    // A longer validity keeps a consent in force longer than the resident agreed to.
    const widens = (after.consentValidityDays ?? 0) > (before.consentValidityDays ?? 0);
    change(
      'CONSENT_VALIDITY_CHANGED',
      'consentValidityDays',
      show(before.consentValidityDays),
      show(after.consentValidityDays),
      widens,
    );
  }
  for (const field of Object.keys(before.texts) as (keyof VersionSnapshot['texts'])[]) {
    if (before.texts[field] !== after.texts[field]) {
      change('TEXT_CHANGED', field, before.texts[field], after.texts[field], false);
    }
  }
  return changes;
}
