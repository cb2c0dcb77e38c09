// A legal-basis linter for purpose drafts: pure, so the editor can run it on every change
// and tests can walk a decision table. While a draft is edited it only reports; publishing
// is gated by it (purposes/lifecycle.ts): an ERROR blocks submitting and approving, and the
// approver must acknowledge every WARNING, which is recorded with the approval. Codes are stable: the UI and exports key on them.
import { LINT_MESSAGES, type LintCode } from './lint-messages.js';

export type Sensitivity = 'NORMAL' | 'HIGH' | 'SPECIAL';
export type OrganisationKind = 'MUNICIPAL' | 'THIRD_SECTOR';
export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface PurposeDraftFacts {
  controllerKind: OrganisationKind | null;
  legalBasis: string | null;
  specialCategoryBasis: string | null;
  retentionDays: number | null;
  consentValidityDays: number | null;
  categories: { slug: string; sensitivity: Sensitivity; accessLevel: string }[];
  recipientKinds: OrganisationKind[];
  texts: Partial<Record<TextField, string | null>>;
}

export const TEXT_FIELDS = [
  'titleFi',
  'titleSv',
  'titleEn',
  'descriptionFi',
  'descriptionSv',
  'descriptionEn',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface LintWarning {
  code: LintCode;
  severity: Severity;
  /** The draft field the warning is about, for the editor to point at. */
  field: string;
  message: { fi: string; sv: string; en: string };
}

// Words that describe a statutory task of a municipality (applications, permits, decisions,
// statutory duties) in the three languages. A municipality doing such a task cannot rely on
// consent: the resident cannot refuse freely (EDPB Guidelines 05/2020 on consent, §16–17).
// Finnish and Swedish stems match inside compounds (varhaiskasvatushakemus, bygglovsansökan).
const PUBLIC_TASK_STEMS = /(hakemu|rakennuslup|päätö|lakisäät|velvoit|ansök|tillstånd|bygglov|beslut|lagstadga)/iu;
const PUBLIC_TASK_WORDS = /\b(applications?|apply|permits?|decisions?|statutory|obligations?)\b/i;

/** Whether the draft reads like a public task: its texts speak of one, or it needs identity codes. */
export function looksLikePublicTask(facts: PurposeDraftFacts): boolean {
  const text = TEXT_FIELDS.map((f) => facts.texts[f] ?? '').join(' ');
  return (
    PUBLIC_TASK_STEMS.test(text) ||
    PUBLIC_TASK_WORDS.test(text) ||
    facts.categories.some((c) => c.slug === 'identity.pic')
  );
}

const TEN_YEARS_IN_DAYS = 3653;

export function lintPurposeDraft(facts: PurposeDraftFacts): LintWarning[] {
  const found: { code: LintCode; field: string }[] = [];
  const warn = (code: LintCode, field: string) => found.push({ code, field });
  const municipal = facts.controllerKind === 'MUNICIPAL';
  const special = facts.categories.some((c) => c.sensitivity === 'SPECIAL');

  if (!facts.legalBasis) warn('LEGAL_BASIS_MISSING', 'legalBasis');
  if (facts.legalBasis === 'CONSENT' && municipal) {
    warn(looksLikePublicTask(facts) ? 'CONSENT_FOR_PUBLIC_TASK' : 'CONSENT_BY_PUBLIC_AUTHORITY', 'legalBasis');
  }
  // Art. 6(1), last sentence: not for processing by public authorities in their tasks.
  if (facts.legalBasis === 'LEGITIMATE_INTEREST' && municipal) warn('LEGITIMATE_INTEREST_BY_AUTHORITY', 'legalBasis');
  if (special && !facts.specialCategoryBasis) warn('SPECIAL_CATEGORY_WITHOUT_BASIS', 'specialCategoryBasis');
  if (!special && facts.specialCategoryBasis) warn('SPECIAL_BASIS_WITHOUT_SPECIAL_CATEGORY', 'specialCategoryBasis');
  if (facts.specialCategoryBasis === 'EXPLICIT_CONSENT' && facts.legalBasis && facts.legalBasis !== 'CONSENT') {
    warn('EXPLICIT_CONSENT_WITHOUT_CONSENT', 'specialCategoryBasis');
  }
  if (facts.retentionDays == null || facts.retentionDays <= 0) warn('RETENTION_MISSING', 'retentionDays');
  else if (facts.retentionDays > TEN_YEARS_IN_DAYS) warn('RETENTION_OVER_TEN_YEARS', 'retentionDays');
  if (facts.legalBasis === 'CONSENT' && facts.consentValidityDays == null) {
    warn('CONSENT_VALIDITY_MISSING', 'consentValidityDays');
  }
  if (facts.legalBasis && facts.legalBasis !== 'CONSENT' && facts.consentValidityDays != null) {
    warn('CONSENT_VALIDITY_WITHOUT_CONSENT', 'consentValidityDays');
  }
  if (facts.categories.length === 0) warn('NO_CATEGORIES', 'categories');
  // The identity code may be disclosed only where strictly necessary (Finnish Data
  // Protection Act 1050/2018 §29); an association rarely qualifies.
  const fullPic = facts.categories.some((c) => c.slug === 'identity.pic' && c.accessLevel === 'FULL');
  if (fullPic && (facts.controllerKind === 'THIRD_SECTOR' || facts.recipientKinds.includes('THIRD_SECTOR'))) {
    warn('IDENTITY_CODE_TO_THIRD_SECTOR', 'categories');
  }
  for (const field of TEXT_FIELDS) {
    if (!facts.texts[field]?.trim()) warn('TEXT_MISSING', field);
  }
  return found.map(({ code, field }) => ({
    code,
    field,
    severity: LINT_MESSAGES[code].severity,
    message: LINT_MESSAGES[code].message,
  }));
}
