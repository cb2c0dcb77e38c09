// The rules that depend only on the request (principal and purpose version) and the
// category, never on a resident: a decision table evaluates them once per category.
// Order matters and is part of the contract: who asks is checked first, so that a party
// with no relation to the purpose learns nothing about it (not even whether it is a draft).
import { isKnownCategory, isSpecialCategory } from './categories.js';
import type { PolicyFacts } from './read-facts.js';
import { fail, pass, type Rule } from './rule-result.js';

export interface CategoryRuleContext {
  policy: PolicyFacts;
  category: string;
}

const principalRelation: Rule<CategoryRuleContext> = {
  id: 'principal.relation',
  check({ policy: { principal, version } }) {
    switch (principal.kind) {
      case 'service':
        if (principal.organisationId === version.controllerId) {
          return pass('The service belongs to the controller of the purpose.');
        }
        if (version.recipientIds.has(principal.organisationId)) {
          return pass('The service belongs to a recipient organisation named by this purpose version.');
        }
        return fail(
          'NOT_A_RECIPIENT',
          'The service belongs to neither the controller nor a recipient of this purpose version.',
        );
      case 'officer':
        // Only privacy officers look residents up; admins manage configuration and auditors
        // read the audit log, and neither needs resident data to do so.
        if (!principal.roles.has('OFFICER')) {
          return fail('PRINCIPAL_NOT_PERMITTED', 'Only officers with the OFFICER role may read resident data.');
        }
        // The stated reason is what makes the lookup reviewable in the audit log.
        if (!principal.hasStatedReason) {
          return fail('REASON_NOT_STATED', 'The officer did not state a reason for the lookup.');
        }
        return pass('An officer with the OFFICER role stated a reason for the lookup.');
      case 'resident':
        // A resident's own data reaches them through the Art. 15 self-service path, which
        // never goes through a purpose; under a purpose a resident is nobody's recipient.
        return fail('PRINCIPAL_NOT_PERMITTED', 'Residents do not read data under a purpose.');
      case 'system':
        // Sweeps and exports run without a purpose and must not acquire data through one.
        return fail('PRINCIPAL_NOT_PERMITTED', 'The system does not read data under a purpose.');
      case 'unknown':
        return fail('PRINCIPAL_NOT_PERMITTED', 'The principal kind is not known to the engine.');
    }
  },
};

const purposeStatus: Rule<CategoryRuleContext> = {
  id: 'purpose.status',
  check({ policy: { version } }) {
    switch (version.status) {
      case 'PUBLISHED':
        return pass(`Version ${version.version} of the purpose is published.`);
      case 'RETIRED':
        return fail('PURPOSE_RETIRED', `Version ${version.version} of the purpose is retired.`);
      case 'DRAFT':
      case 'PENDING_APPROVAL':
        // An unapproved version was never shown to residents nor checked by a second officer.
        return fail(
          'PURPOSE_NOT_PUBLISHED',
          `Version ${version.version} of the purpose is not published (${version.status}).`,
        );
    }
  },
};

const categoryKnown: Rule<CategoryRuleContext> = {
  id: 'category.known',
  check({ category }) {
    return isKnownCategory(category)
      ? pass(`The category ${category} is known.`)
      : fail('UNKNOWN_CATEGORY', `The category ${category} is not a category the engine knows.`);
  },
};

const categoryInPurpose: Rule<CategoryRuleContext> = {
  id: 'category.in-purpose',
  check({ policy: { version }, category }) {
    const level = version.categories.get(category);
    return level === undefined
      ? fail('CATEGORY_NOT_IN_PURPOSE', `Version ${version.version} of the purpose does not cover ${category}.`)
      : pass(`Version ${version.version} of the purpose covers ${category} at level ${level}.`, level);
  },
};

/**
 * GDPR Art. 9(1) forbids processing special categories unless an Art. 9(2) condition holds.
 * A consent-based purpose asks for consent naming each category with an affirmative act,
 * which Lupa treats as explicit consent (9(2)(a)); any other purpose must name its 9(2)
 * basis on the version, where a second officer approves it.
 */
const specialCategoryBasis: Rule<CategoryRuleContext> = {
  id: 'category.special-basis',
  check({ policy: { version }, category }) {
    if (!isSpecialCategory(category)) return pass(`${category} is not a special category.`);
    if (version.legalBasis === 'CONSENT') {
      return pass(`${category} is a special category; the purpose rests on the resident's explicit consent.`);
    }
    if (version.specialCategoryBasis !== null) {
      return pass(`${category} is a special category; the version names the basis ${version.specialCategoryBasis}.`);
    }
    return fail(
      'SPECIAL_CATEGORY_WITHOUT_BASIS',
      `${category} is a special category and the version rests neither on consent nor on an Art. 9(2) basis.`,
    );
  },
};

export const CATEGORY_RULES: readonly Rule<CategoryRuleContext>[] = [
  principalRelation,
  purposeStatus,
  categoryKnown,
  categoryInPurpose,
  specialCategoryBasis,
];
