// The explanations officers read through `explainAccess`, word for word. The engine's
// messages are English only (the admin UI shows them as the engine wrote them), so each case
// pins the decision, every rule evaluated in order and each rule's exact message: blanking or
// rewording a text, or dropping a value it quotes, fails here. Every denial reason and every
// distinct passing message appears at least once; the decision table must explain alike.
import { describe, expect, it } from 'vitest';
import {
  DENIAL_REASONS,
  type DecideFieldAccessInput,
  explainFieldAccess,
  type FieldAccessDecision,
  type PurposeVersionPolicy,
  prepareDecisionTable,
  type RuleStep,
} from '../../../api/src/privacy/index.js';

const NOW = new Date('2027-03-01T12:00:00.000Z');

const VERSION: PurposeVersionPolicy = {
  id: 'pv-library-3',
  purposeId: 'purpose-library',
  version: 3,
  status: 'PUBLISHED',
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  controllerId: 'org-library',
  recipientIds: ['org-friends-of-the-library'],
  categories: { contact: 'FULL', address: 'GENERALISED', 'special.accessibility': 'MASKED' },
};

function input(over: Partial<DecideFieldAccessInput> = {}): DecideFieldAccessInput {
  return {
    principal: { kind: 'service', organisationId: 'org-library' },
    purposeVersion: VERSION,
    consent: { kind: 'granted', consentedVersion: VERSION, expiresAt: null },
    residentRestricted: false,
    category: 'contact',
    field: 'email',
    now: NOW,
    ...over,
  };
}

const versionWith = (over: Partial<PurposeVersionPolicy>): PurposeVersionPolicy => ({ ...VERSION, ...over });

const ok = (rule: RuleStep['rule'], message: string): RuleStep => ({ rule, passed: true, message });
const no = (rule: RuleStep['rule'], message: string): RuleStep => ({ rule, passed: false, message });

// The passing steps most cases share, for the category `contact`.
const CONTROLLER = ok('principal.relation', 'The service belongs to the controller of the purpose.');
const PUBLISHED = ok('purpose.status', 'Version 3 of the purpose is published.');
const CONTACT_KNOWN = ok('category.known', 'The category contact is known.');
const CONTACT_IN_PURPOSE = ok('category.in-purpose', 'Version 3 of the purpose covers contact at level FULL.');
const CONTACT_NOT_SPECIAL = ok('category.special-basis', 'contact is not a special category.');
const CATEGORY_STAGE = [CONTROLLER, PUBLISHED, CONTACT_KNOWN, CONTACT_IN_PURPOSE, CONTACT_NOT_SPECIAL];
const CONSENTED = ok(
  'consent.valid',
  'The resident consented to version 3, which covers contact at level FULL; the stricter of that and FULL applies: FULL.',
);
const NOT_RESTRICTED = ok('resident.restriction', 'The resident has not restricted processing.');

interface Case {
  name: string;
  input: DecideFieldAccessInput;
  decision: FieldAccessDecision;
  steps: RuleStep[];
}

const CASES: Case[] = [
  {
    name: 'granted in full to the controller',
    input: input(),
    decision: { access: 'FULL' },
    steps: [...CATEGORY_STAGE, CONSENTED, NOT_RESTRICTED],
  },
  {
    name: 'granted to a recipient organisation',
    input: input({ principal: { kind: 'service', organisationId: 'org-friends-of-the-library' } }),
    decision: { access: 'FULL' },
    steps: [
      ok('principal.relation', 'The service belongs to a recipient organisation named by this purpose version.'),
      ...CATEGORY_STAGE.slice(1),
      CONSENTED,
      NOT_RESTRICTED,
    ],
  },
  {
    name: 'NOT_A_RECIPIENT',
    input: input({ principal: { kind: 'service', organisationId: 'org-parish' } }),
    decision: { access: 'DENIED', reason: 'NOT_A_RECIPIENT' },
    steps: [
      no(
        'principal.relation',
        'The service belongs to neither the controller nor a recipient of this purpose version.',
      ),
    ],
  },
  {
    name: 'granted to an officer who stated a reason',
    input: input({ principal: { kind: 'officer', roles: ['OFFICER'], hasStatedReason: true } }),
    decision: { access: 'FULL' },
    steps: [
      ok('principal.relation', 'An officer with the OFFICER role stated a reason for the lookup.'),
      ...CATEGORY_STAGE.slice(1),
      CONSENTED,
      NOT_RESTRICTED,
    ],
  },
  {
    name: 'PRINCIPAL_NOT_PERMITTED for an officer without the OFFICER role',
    input: input({ principal: { kind: 'officer', roles: ['ADMIN', 'AUDITOR'], hasStatedReason: true } }),
    decision: { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' },
    steps: [no('principal.relation', 'Only officers with the OFFICER role may read resident data.')],
  },
  {
    name: 'REASON_NOT_STATED',
    input: input({ principal: { kind: 'officer', roles: ['OFFICER'], hasStatedReason: false } }),
    decision: { access: 'DENIED', reason: 'REASON_NOT_STATED' },
    steps: [no('principal.relation', 'The officer did not state a reason for the lookup.')],
  },
  {
    name: 'PRINCIPAL_NOT_PERMITTED for a resident',
    input: input({ principal: { kind: 'resident' } }),
    decision: { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' },
    steps: [no('principal.relation', 'Residents do not read data under a purpose.')],
  },
  {
    name: 'PRINCIPAL_NOT_PERMITTED for the system',
    input: input({ principal: { kind: 'system' } }),
    decision: { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' },
    steps: [no('principal.relation', 'The system does not read data under a purpose.')],
  },
  {
    name: 'PRINCIPAL_NOT_PERMITTED for a principal kind the engine does not know',
    input: input({ principal: { kind: 'robot' } as unknown as DecideFieldAccessInput['principal'] }),
    decision: { access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' },
    steps: [no('principal.relation', 'The principal kind is not known to the engine.')],
  },
  {
    name: 'PURPOSE_RETIRED',
    input: input({ purposeVersion: versionWith({ status: 'RETIRED' }) }),
    decision: { access: 'DENIED', reason: 'PURPOSE_RETIRED' },
    steps: [CONTROLLER, no('purpose.status', 'Version 3 of the purpose is retired.')],
  },
  {
    name: 'PURPOSE_NOT_PUBLISHED for a draft',
    input: input({ purposeVersion: versionWith({ status: 'DRAFT' }) }),
    decision: { access: 'DENIED', reason: 'PURPOSE_NOT_PUBLISHED' },
    steps: [CONTROLLER, no('purpose.status', 'Version 3 of the purpose is not published (DRAFT).')],
  },
  {
    name: 'PURPOSE_NOT_PUBLISHED for a version awaiting approval',
    input: input({ purposeVersion: versionWith({ status: 'PENDING_APPROVAL' }) }),
    decision: { access: 'DENIED', reason: 'PURPOSE_NOT_PUBLISHED' },
    steps: [CONTROLLER, no('purpose.status', 'Version 3 of the purpose is not published (PENDING_APPROVAL).')],
  },
  {
    name: 'UNKNOWN_CATEGORY',
    input: input({ category: 'shoe-size', field: 'shoeSize' }),
    decision: { access: 'DENIED', reason: 'UNKNOWN_CATEGORY' },
    steps: [CONTROLLER, PUBLISHED, no('category.known', 'The category shoe-size is not a category the engine knows.')],
  },
  {
    name: 'CATEGORY_NOT_IN_PURPOSE',
    input: input({ category: 'demographics', field: 'birthDate' }),
    decision: { access: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE' },
    steps: [
      CONTROLLER,
      PUBLISHED,
      ok('category.known', 'The category demographics is known.'),
      no('category.in-purpose', 'Version 3 of the purpose does not cover demographics.'),
    ],
  },
  {
    name: 'a special category under a consent purpose',
    input: input({ category: 'special.accessibility', field: 'accessibilityNeeds' }),
    decision: { access: 'MASKED' },
    steps: [
      CONTROLLER,
      PUBLISHED,
      ok('category.known', 'The category special.accessibility is known.'),
      ok('category.in-purpose', 'Version 3 of the purpose covers special.accessibility at level MASKED.'),
      ok(
        'category.special-basis',
        "special.accessibility is a special category; the purpose rests on the resident's explicit consent.",
      ),
      ok(
        'consent.valid',
        'The resident consented to version 3, which covers special.accessibility at level MASKED; ' +
          'the stricter of that and MASKED applies: MASKED.',
      ),
      NOT_RESTRICTED,
    ],
  },
  {
    name: 'a special category under a public task with an Art. 9(2) basis',
    input: input({
      purposeVersion: versionWith({ legalBasis: 'PUBLIC_TASK', specialCategoryBasis: 'HEALTH_SOCIAL_CARE' }),
      consent: { kind: 'none' },
      category: 'special.accessibility',
      field: 'accessibilityNeeds',
    }),
    decision: { access: 'MASKED' },
    steps: [
      CONTROLLER,
      PUBLISHED,
      ok('category.known', 'The category special.accessibility is known.'),
      ok('category.in-purpose', 'Version 3 of the purpose covers special.accessibility at level MASKED.'),
      ok(
        'category.special-basis',
        'special.accessibility is a special category; the version names the basis HEALTH_SOCIAL_CARE.',
      ),
      ok(
        'consent.valid',
        "The legal basis PUBLIC_TASK does not rest on the resident's consent for special.accessibility.",
      ),
      NOT_RESTRICTED,
    ],
  },
  {
    name: 'SPECIAL_CATEGORY_WITHOUT_BASIS',
    input: input({
      purposeVersion: versionWith({ legalBasis: 'PUBLIC_TASK' }),
      category: 'special.accessibility',
      field: 'accessibilityNeeds',
    }),
    decision: { access: 'DENIED', reason: 'SPECIAL_CATEGORY_WITHOUT_BASIS' },
    steps: [
      CONTROLLER,
      PUBLISHED,
      ok('category.known', 'The category special.accessibility is known.'),
      ok('category.in-purpose', 'Version 3 of the purpose covers special.accessibility at level MASKED.'),
      no(
        'category.special-basis',
        'special.accessibility is a special category and the version rests neither on consent nor on an Art. 9(2) basis.',
      ),
    ],
  },
  {
    name: 'NO_CONSENT when none was given',
    input: input({ consent: { kind: 'none' } }),
    decision: { access: 'DENIED', reason: 'NO_CONSENT' },
    steps: [...CATEGORY_STAGE, no('consent.valid', 'The resident has not consented to this purpose.')],
  },
  {
    name: 'NO_CONSENT when the consent names another purpose',
    input: input({
      consent: {
        kind: 'granted',
        consentedVersion: { ...VERSION, purposeId: 'purpose-sports' },
        expiresAt: null,
      },
    }),
    decision: { access: 'DENIED', reason: 'NO_CONSENT' },
    steps: [...CATEGORY_STAGE, no('consent.valid', 'The consent given names another purpose.')],
  },
  {
    name: 'CONSENT_WITHDRAWN',
    input: input({ consent: { kind: 'withdrawn', withdrawnAt: new Date('2027-02-14T08:30:00.000Z') } }),
    decision: { access: 'DENIED', reason: 'CONSENT_WITHDRAWN' },
    steps: [...CATEGORY_STAGE, no('consent.valid', 'The resident withdrew consent at 2027-02-14T08:30:00.000Z.')],
  },
  {
    name: 'CONSENT_EXPIRED by the sweep',
    input: input({ consent: { kind: 'expired', expiredAt: new Date('2027-01-31T23:00:00.000Z') } }),
    decision: { access: 'DENIED', reason: 'CONSENT_EXPIRED' },
    steps: [...CATEGORY_STAGE, no('consent.valid', "The resident's consent expired at 2027-01-31T23:00:00.000Z.")],
  },
  {
    name: 'CONSENT_EXPIRED since the last sweep (granted, but past its end at the request instant)',
    input: input({ consent: { kind: 'granted', consentedVersion: VERSION, expiresAt: NOW } }),
    decision: { access: 'DENIED', reason: 'CONSENT_EXPIRED' },
    steps: [...CATEGORY_STAGE, no('consent.valid', "The resident's consent expired at 2027-03-01T12:00:00.000Z.")],
  },
  {
    name: 'CONSENT_UNCONFIRMED',
    input: input({ consent: { kind: 'unconfirmed', consentedVersion: { ...VERSION, version: 2 } } }),
    decision: { access: 'DENIED', reason: 'CONSENT_UNCONFIRMED' },
    steps: [...CATEGORY_STAGE, no('consent.valid', "The consent to version 2 awaits the resident's confirmation.")],
  },
  {
    name: 'CATEGORY_NOT_IN_CONSENT',
    input: input({
      consent: { kind: 'granted', consentedVersion: { ...VERSION, version: 1, categories: {} }, expiresAt: null },
    }),
    decision: { access: 'DENIED', reason: 'CATEGORY_NOT_IN_CONSENT' },
    steps: [
      ...CATEGORY_STAGE,
      no('consent.valid', 'The resident consented to version 1, which does not cover contact.'),
    ],
  },
  {
    name: 'the consented level narrows the purpose’s level',
    input: input({
      consent: {
        kind: 'granted',
        consentedVersion: { ...VERSION, version: 2, categories: { contact: 'MASKED' } },
        expiresAt: new Date('2028-01-01T00:00:00.000Z'),
      },
    }),
    decision: { access: 'MASKED' },
    steps: [
      ...CATEGORY_STAGE,
      ok(
        'consent.valid',
        'The resident consented to version 2, which covers contact at level MASKED; the stricter of that and FULL applies: MASKED.',
      ),
      NOT_RESTRICTED,
    ],
  },
  {
    name: 'RESIDENT_RESTRICTED',
    input: input({ residentRestricted: true }),
    decision: { access: 'DENIED', reason: 'RESIDENT_RESTRICTED' },
    steps: [
      ...CATEGORY_STAGE,
      CONSENTED,
      no(
        'resident.restriction',
        'The resident has restricted processing (Art. 18), which the basis CONSENT does not override.',
      ),
    ],
  },
  {
    name: 'a restricted resident under a legal obligation',
    input: input({
      purposeVersion: versionWith({ legalBasis: 'LEGAL_OBLIGATION' }),
      consent: { kind: 'none' },
      residentRestricted: true,
    }),
    decision: { access: 'FULL' },
    steps: [
      ...CATEGORY_STAGE,
      ok('consent.valid', "The legal basis LEGAL_OBLIGATION does not rest on the resident's consent for contact."),
      ok(
        'resident.restriction',
        'The resident has restricted processing (Art. 18); the basis LEGAL_OBLIGATION still applies.',
      ),
    ],
  },
  {
    name: 'ENGINE_ERROR for malformed input, naming what was malformed',
    input: input({ principal: null as unknown as DecideFieldAccessInput['principal'] }),
    decision: { access: 'DENIED', reason: 'ENGINE_ERROR' },
    steps: [no('engine.error', 'Malformed input: principal is not an object. Access is denied.')],
  },
  {
    name: 'ENGINE_ERROR for any other failure, without quoting it',
    input: input({
      purposeVersion: Object.defineProperty({ ...VERSION }, 'status', {
        get() {
          throw new Error('resident 010101-123N Virtanen');
        },
      }),
    }),
    decision: { access: 'DENIED', reason: 'ENGINE_ERROR' },
    steps: [no('engine.error', 'The engine failed while evaluating the rules. Access is denied.')],
  },
];

describe('explainFieldAccess: the texts an officer reads', () => {
  it.each(CASES)('$name', ({ input, decision, steps }) => {
    const explanation = explainFieldAccess(input);
    expect(explanation.decision).toEqual(decision);
    expect(explanation.steps).toEqual(steps);
  });

  it.each(CASES)('the decision table explains alike: $name', ({ input, decision, steps }) => {
    const table = prepareDecisionTable(input.principal, input.purposeVersion);
    const explanation = table.explainField(input);
    expect(explanation.decision).toEqual(decision);
    expect(explanation.steps).toEqual(steps);
  });

  it('covers every denial reason', () => {
    const covered = new Set(CASES.flatMap(({ decision }) => (decision.access === 'DENIED' ? [decision.reason] : [])));
    expect([...covered].sort()).toEqual([...DENIAL_REASONS].sort());
  });

  it('no message is empty, and no two rules share a message', () => {
    const messages = new Map<string, string>();
    for (const { steps } of CASES) {
      for (const { rule, message } of steps) {
        expect(message.trim(), rule).not.toBe('');
        const owner = messages.get(message);
        if (owner !== undefined) expect(owner, message).toBe(rule);
        messages.set(message, rule);
      }
    }
  });
});
