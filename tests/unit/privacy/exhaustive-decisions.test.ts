// Every combination of the facts the rules look at, checked against a table of expected
// outcomes written out by hand below. The table does not call the engine or its helpers: if
// the engine and this file disagree, one of them misreads the rules.
import { describe, expect, it } from 'vitest';
import {
  type AccessPrincipal,
  type ConsentState,
  type DecideFieldAccessInput,
  decideFieldAccess,
  explainFieldAccess,
  type LegalBasis,
  type PurposeVersionPolicy,
  type PurposeVersionStatus,
  prepareDecisionTable,
  type SpecialCategoryBasis,
} from '../../../api/src/privacy/index.js';

const RELATIONS = [
  'controller',
  'recipient',
  'unrelated',
  'officer',
  'officer-without-reason',
  'auditor',
  'resident',
  'system',
] as const;
const STATUSES = [
  'DRAFT',
  'PENDING_APPROVAL',
  'PUBLISHED',
  'RETIRED',
] as const satisfies readonly PurposeVersionStatus[];
const BASES = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
] as const satisfies readonly LegalBasis[];
const SPECIAL_BASES = [
  null,
  'EXPLICIT_CONSENT',
  'HEALTH_SOCIAL_CARE',
] as const satisfies readonly (SpecialCategoryBasis | null)[];
const CONSENTS = [
  'none',
  'granted-current', // to the version in force
  'granted-older-stricter', // to version 1, which holds the category at MASKED
  'granted-older-without-category', // to version 1, which lacks the category
  'granted-past-expiry', // granted, but expiresAt is the request's instant
  'granted-other-purpose', // granted, to a version of another purpose
  'unconfirmed',
  'withdrawn',
  'expired',
] as const;

type Relation = (typeof RELATIONS)[number];
type ConsentCase = (typeof CONSENTS)[number];
type Outcome = string; // an access level or a denial reason

interface Case {
  relation: Relation;
  status: PurposeVersionStatus;
  basis: LegalBasis;
  specialBasis: SpecialCategoryBasis | null;
  consent: ConsentCase;
  restricted: boolean;
  inScope: boolean;
  special: boolean;
}

// ---- The expectations -----------------------------------------------------------------

const BY_PRINCIPAL: Record<Relation, Outcome | 'continue'> = {
  controller: 'continue',
  recipient: 'continue',
  unrelated: 'NOT_A_RECIPIENT',
  officer: 'continue',
  'officer-without-reason': 'REASON_NOT_STATED',
  auditor: 'PRINCIPAL_NOT_PERMITTED',
  resident: 'PRINCIPAL_NOT_PERMITTED',
  system: 'PRINCIPAL_NOT_PERMITTED',
};

const BY_STATUS: Record<PurposeVersionStatus, Outcome | 'continue'> = {
  DRAFT: 'PURPOSE_NOT_PUBLISHED',
  PENDING_APPROVAL: 'PURPOSE_NOT_PUBLISHED',
  PUBLISHED: 'continue',
  RETIRED: 'PURPOSE_RETIRED',
};

// The version in force grants FULL; version 1 granted MASKED, and the stricter one wins.
const BY_CONSENT: Record<ConsentCase, Outcome> = {
  none: 'NO_CONSENT',
  'granted-current': 'FULL',
  'granted-older-stricter': 'MASKED',
  'granted-older-without-category': 'CATEGORY_NOT_IN_CONSENT',
  'granted-past-expiry': 'CONSENT_EXPIRED',
  'granted-other-purpose': 'NO_CONSENT',
  unconfirmed: 'CONSENT_UNCONFIRMED',
  withdrawn: 'CONSENT_WITHDRAWN',
  expired: 'CONSENT_EXPIRED',
};

const BASES_THAT_OVERRIDE_RESTRICTION: readonly LegalBasis[] = ['LEGAL_OBLIGATION', 'VITAL_INTEREST'];
const LEVELS = ['FULL', 'MASKED', 'GENERALISED'];

function expectOutcome(c: Case): Outcome {
  if (BY_PRINCIPAL[c.relation] !== 'continue') return BY_PRINCIPAL[c.relation];
  if (BY_STATUS[c.status] !== 'continue') return BY_STATUS[c.status];
  if (!c.inScope) return 'CATEGORY_NOT_IN_PURPOSE';
  if (c.special && c.basis !== 'CONSENT' && c.specialBasis === null) return 'SPECIAL_CATEGORY_WITHOUT_BASIS';
  const consentNeeded = c.basis === 'CONSENT' || (c.special && c.specialBasis === 'EXPLICIT_CONSENT');
  if (consentNeeded && !LEVELS.includes(BY_CONSENT[c.consent])) return BY_CONSENT[c.consent];
  if (c.restricted && !BASES_THAT_OVERRIDE_RESTRICTION.includes(c.basis)) return 'RESIDENT_RESTRICTED';
  return consentNeeded ? BY_CONSENT[c.consent] : 'FULL';
}

// ---- Building the engine's input for a case -------------------------------------------

const NOW = new Date('2027-03-01T12:00:00.000Z');
const PURPOSE = 'purpose-participation';

function principalFor(relation: Relation): AccessPrincipal {
  switch (relation) {
    case 'controller':
      return { kind: 'service', organisationId: 'org-controller' };
    case 'recipient':
      return { kind: 'service', organisationId: 'org-recipient' };
    case 'unrelated':
      return { kind: 'service', organisationId: 'org-elsewhere' };
    case 'officer':
      return { kind: 'officer', roles: ['OFFICER'], hasStatedReason: true };
    case 'officer-without-reason':
      return { kind: 'officer', roles: ['OFFICER'], hasStatedReason: false };
    case 'auditor':
      return { kind: 'officer', roles: ['AUDITOR', 'ADMIN'], hasStatedReason: true };
    case 'resident':
      return { kind: 'resident' };
    case 'system':
      return { kind: 'system' };
  }
}

function inputFor(c: Case): DecideFieldAccessInput {
  const category = c.special ? 'special.accessibility' : 'contact';
  const current: PurposeVersionPolicy = {
    id: 'pv-2',
    purposeId: PURPOSE,
    version: 2,
    status: c.status,
    legalBasis: c.basis,
    specialCategoryBasis: c.specialBasis,
    controllerId: 'org-controller',
    recipientIds: ['org-recipient'],
    categories: c.inScope ? { 'identity.name': 'FULL', [category]: 'FULL' } : { 'identity.name': 'FULL' },
  };
  const versionOne = { id: 'pv-1', purposeId: PURPOSE, version: 1 };
  const consents: Record<ConsentCase, ConsentState> = {
    none: { kind: 'none' },
    'granted-current': { kind: 'granted', consentedVersion: current, expiresAt: null },
    // Holds the category even where the version in force dropped it: that must not help.
    'granted-older-stricter': {
      kind: 'granted',
      consentedVersion: { ...versionOne, categories: { 'identity.name': 'FULL', [category]: 'MASKED' } },
      expiresAt: new Date(NOW.getTime() + 1),
    },
    'granted-older-without-category': {
      kind: 'granted',
      consentedVersion: { ...versionOne, categories: { 'identity.name': 'FULL' } },
      expiresAt: null,
    },
    'granted-past-expiry': { kind: 'granted', consentedVersion: current, expiresAt: NOW },
    'granted-other-purpose': {
      kind: 'granted',
      consentedVersion: { ...current, id: 'pv-other', purposeId: 'purpose-other' },
      expiresAt: null,
    },
    unconfirmed: { kind: 'unconfirmed', consentedVersion: current },
    withdrawn: { kind: 'withdrawn', withdrawnAt: new Date('2027-02-01T00:00:00Z') },
    expired: { kind: 'expired', expiredAt: new Date('2027-02-01T00:00:00Z') },
  };
  return {
    principal: principalFor(c.relation),
    purposeVersion: current,
    consent: consents[c.consent],
    residentRestricted: c.restricted,
    category,
    field: c.special ? 'accessibilityNeeds' : 'email',
    now: NOW,
  };
}

function* everyCase(): Generator<Case> {
  for (const relation of RELATIONS)
    for (const status of STATUSES)
      for (const basis of BASES)
        for (const specialBasis of SPECIAL_BASES)
          for (const consent of CONSENTS)
            for (const restricted of [false, true])
              for (const inScope of [true, false])
                for (const special of [false, true]) {
                  yield { relation, status, basis, specialBasis, consent, restricted, inScope, special };
                }
}

function outcomeOf(decision: { access: string; reason?: string }): Outcome {
  return decision.access === 'DENIED' ? (decision.reason ?? 'DENIED without reason') : decision.access;
}

const EXPECTED_CASES = 8 * 4 * 6 * 3 * 9 * 2 * 2 * 2;

describe('the decision table, exhaustively', () => {
  it(`decides all ${EXPECTED_CASES} combinations as the expectation table says, directly and through a prepared table`, () => {
    const mismatches: string[] = [];
    let cases = 0;
    for (const c of everyCase()) {
      cases += 1;
      const input = inputFor(c);
      const expected = expectOutcome(c);
      const direct = outcomeOf(decideFieldAccess(input));
      const table = prepareDecisionTable(input.principal, input.purposeVersion);
      const prepared = outcomeOf(table.decideField(input));
      const perResident = outcomeOf(table.forResident(input).decideField(input.category, input.field));
      if (direct !== expected || prepared !== expected || perResident !== expected) {
        mismatches.push(
          `${JSON.stringify(c)}: expected ${expected}, direct ${direct}, prepared ${prepared}, per resident ${perResident}`,
        );
      }
    }
    expect(cases).toBe(EXPECTED_CASES);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('explains every combination: all steps passed but the last, which failed exactly when denied', () => {
    const problems: string[] = [];
    for (const c of everyCase()) {
      const { decision, steps } = explainFieldAccess(inputFor(c));
      const last = steps.at(-1);
      const earlierAllPassed = steps.slice(0, -1).every((s) => s.passed);
      const lastFailed = last !== undefined && !last.passed;
      const ok =
        earlierAllPassed &&
        (decision.access === 'DENIED' ? lastFailed : steps.length === 7 && steps.every((s) => s.passed));
      if (!ok) problems.push(`${JSON.stringify(c)}: ${JSON.stringify(steps.map((s) => [s.rule, s.passed]))}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('covers every expected outcome at least once (the table is not vacuous)', () => {
    const seen = new Set<Outcome>();
    for (const c of everyCase()) seen.add(expectOutcome(c));
    expect([...seen].sort()).toEqual(
      [
        'CATEGORY_NOT_IN_CONSENT',
        'CATEGORY_NOT_IN_PURPOSE',
        'CONSENT_EXPIRED',
        'CONSENT_UNCONFIRMED',
        'CONSENT_WITHDRAWN',
        'FULL',
        'MASKED',
        'NOT_A_RECIPIENT',
        'NO_CONSENT',
        'PRINCIPAL_NOT_PERMITTED',
        'PURPOSE_NOT_PUBLISHED',
        'PURPOSE_RETIRED',
        'REASON_NOT_STATED',
        'RESIDENT_RESTRICTED',
        'SPECIAL_CATEGORY_WITHOUT_BASIS',
      ].sort(),
    );
  });
});
