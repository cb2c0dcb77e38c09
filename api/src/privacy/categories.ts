// The data categories fields may declare. Fields are declared in code, so the catalogue is
// code too: a typo in a field's `privacy:` category fails the typecheck, and a category the
// engine has never heard of is denied (UNKNOWN_CATEGORY) rather than guessed at.

export const DATA_CATEGORY_SLUGS = [
  'identity.name',
  'identity.pic',
  'contact',
  'address',
  'demographics',
  'interests',
  'serviceUsage',
  'special.accessibility',
  'statistics',
] as const;
export type DataCategorySlug = (typeof DATA_CATEGORY_SLUGS)[number];

const KNOWN: ReadonlySet<string> = new Set(DATA_CATEGORY_SLUGS);

export function isKnownCategory(slug: string): slug is DataCategorySlug {
  return KNOWN.has(slug);
}

/** Special categories (GDPR Art. 9) are named `special.*`, so the rule needs no lookup table. */
export function isSpecialCategory(slug: string): boolean {
  return slug.startsWith('special.');
}
