// The rules that depend on the resident: consent and restriction. They run per resident
// after the category rules passed, starting from the level the purpose version grants.
// Consent is checked before restriction so that a service without consent is told only
// that, and not also that the resident has asked for a restriction.
import { pickStricterLevel } from './access-level.js';
import type { CategoryRuleContext } from './category-rules.js';
import { isRestrictionExempt, requiresConsent } from './legal-basis.js';
import type { ResidentFacts } from './read-facts.js';
import { fail, pass, type Rule } from './rule-result.js';
import type { AccessLevel } from './types.js';

export interface ResidentRuleContext extends CategoryRuleContext {
  resident: ResidentFacts;
  /** The level the previous rules arrived at. */
  level: AccessLevel;
}

function formatInstant(time: number): string {
  return new Date(time).toISOString();
}

const consentValid: Rule<ResidentRuleContext> = {
  id: 'consent.valid',
  check({ policy: { version }, category, resident: { consent, now }, level }) {
    if (!requiresConsent(version, category)) {
      return pass(`The legal basis ${version.legalBasis} does not rest on the resident's consent for ${category}.`);
    }
    switch (consent.kind) {
      case 'none':
        return fail('NO_CONSENT', 'The resident has not consented to this purpose.');
      case 'withdrawn':
        return fail('CONSENT_WITHDRAWN', `The resident withdrew consent at ${formatInstant(consent.at)}.`);
      case 'expired':
        return fail('CONSENT_EXPIRED', `The resident's consent expired at ${formatInstant(consent.at)}.`);
      case 'unconfirmed':
        // A consent a service recorded on its own channel counts only once the resident
        // confirms it, so a service cannot consent on a resident's behalf.
        return fail(
          'CONSENT_UNCONFIRMED',
          `The consent to version ${consent.consented.version} awaits the resident's confirmation.`,
        );
      case 'granted': {
        const { consented, expiresAt } = consent;
        if (consented.purposeId !== version.purposeId) {
          return fail('NO_CONSENT', 'The consent given names another purpose.');
        }
        // Checked against the request's own instant: a consent stored as granted may have
        // run out since the last expiry sweep.
        if (expiresAt !== null && now >= expiresAt) {
          return fail('CONSENT_EXPIRED', `The resident's consent expired at ${formatInstant(expiresAt)}.`);
        }
        // The resident agreed to the scope of the version they saw. A category a later
        // version added was never agreed to, however the current version reads.
        const consentedLevel = consented.categories.get(category);
        if (consentedLevel === undefined) {
          return fail(
            'CATEGORY_NOT_IN_CONSENT',
            `The resident consented to version ${consented.version}, which does not cover ${category}.`,
          );
        }
        const effective = pickStricterLevel(level, consentedLevel);
        return pass(
          `The resident consented to version ${consented.version}, which covers ${category} at level ${consentedLevel}; ` +
            `the stricter of that and ${level} applies: ${effective}.`,
          effective,
        );
      }
    }
  },
};

const residentRestriction: Rule<ResidentRuleContext> = {
  id: 'resident.restriction',
  check({ policy: { version }, resident }) {
    if (!resident.restricted) return pass('The resident has not restricted processing.');
    if (isRestrictionExempt(version.legalBasis)) {
      return pass(`The resident has restricted processing (Art. 18); the basis ${version.legalBasis} still applies.`);
    }
    return fail(
      'RESIDENT_RESTRICTED',
      `The resident has restricted processing (Art. 18), which the basis ${version.legalBasis} does not override.`,
    );
  },
};

export const RESIDENT_RULES: readonly Rule<ResidentRuleContext>[] = [consentValid, residentRestriction];
