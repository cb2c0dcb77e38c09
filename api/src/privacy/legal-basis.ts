// What a legal basis implies for a category, shared by the rules and the decision table's
// per-category summary so the two can never disagree.
import { isSpecialCategory } from './categories.js';
import type { VersionFacts } from './read-facts.js';
import type { LegalBasis } from './types.js';

/**
 * A resident's consent is needed when the purpose rests on consent (Art. 6(1)(a)), and also
 * when special-category data rests on explicit consent (Art. 9(2)(a)) under another Art. 6
 * basis: otherwise a version could name EXPLICIT_CONSENT as its Art. 9 basis without anyone
 * ever having asked the resident.
 */
export function requiresConsent(version: VersionFacts, category: string): boolean {
  if (version.legalBasis === 'CONSENT') return true;
  return isSpecialCategory(category) && version.specialCategoryBasis === 'EXPLICIT_CONSENT';
}

/**
 * GDPR Art. 18(2): while processing is restricted, data may (beyond storage) be processed
 * only with the subject's consent, for legal claims, to protect another person's rights, or
 * for important public interest. The engine lets through exactly:
 * - LEGAL_OBLIGATION: a statute compels the processing (and legal claims ride on it); a
 *   restriction request cannot put the municipality in breach of law;
 * - VITAL_INTEREST: someone's life or physical integrity is at stake.
 * Everything else is denied:
 * - CONSENT: the purpose consent predates the restriction; Art. 18(2)'s consent is a fresh
 *   consent to processing despite the restriction, which the resident gives by lifting it;
 * - PUBLIC_TASK: "important public interest" is narrower than a municipality's ordinary
 *   tasks; whether a case qualifies is a privacy officer's decision, not the engine's;
 * - CONTRACT, LEGITIMATE_INTEREST: not grounds Art. 18(2) names.
 */
const RESTRICTION_EXEMPT_BASES: ReadonlySet<LegalBasis> = new Set<LegalBasis>(['LEGAL_OBLIGATION', 'VITAL_INTEREST']);

export function isRestrictionExempt(legalBasis: LegalBasis): boolean {
  return RESTRICTION_EXEMPT_BASES.has(legalBasis);
}
