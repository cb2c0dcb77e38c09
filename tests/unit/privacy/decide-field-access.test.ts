// Worked examples of the rules, from the seed scenarios and from the edges the exhaustive
// table does not vary: levels, expiry boundaries, malformed input, the table's lifetime.
import { describe, expect, it } from 'vitest';
import {
  type AccessLevel,
  type ConsentState,
  type DecideFieldAccessInput,
  decideFieldAccess,
  explainFieldAccess,
  type PurposeVersionPolicy,
  prepareDecisionTable,
} from '../../../api/src/privacy/index.js';

const NOW = new Date('2027-03-01T12:00:00.000Z');

// Neighbourhood participation (seed): version 2 added the district (generalised address).
const PARTICIPATION_V1 = {
  id: 'pv-participation-1',
  purposeId: 'purpose-participation',
  version: 1,
  categories: { 'identity.name': 'FULL', contact: 'FULL' },
} as const;
const PARTICIPATION_V2: PurposeVersionPolicy = {
  id: 'pv-participation-2',
  purposeId: 'purpose-participation',
  version: 2,
  status: 'PUBLISHED',
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  controllerId: 'org-city-planning',
  recipientIds: [],
  categories: { 'identity.name': 'FULL', contact: 'FULL', address: 'GENERALISED' },
};

function input(over: Partial<DecideFieldAccessInput> = {}): DecideFieldAccessInput {
  return {
    principal: { kind: 'service', organisationId: 'org-city-planning' },
    purposeVersion: PARTICIPATION_V2,
    consent: { kind: 'granted', consentedVersion: PARTICIPATION_V1, expiresAt: new Date('2028-01-01T00:00:00Z') },
    residentRestricted: false,
    category: 'contact',
    field: 'email',
    now: NOW,
    ...over,
  };
}

describe('decideFieldAccess: seed scenarios', () => {
  it('a resident who consented to version 1 shares contact details but not the district version 2 added', () => {
    expect(decideFieldAccess(input())).toEqual({ access: 'FULL' });
    expect(decideFieldAccess(input({ category: 'address', field: 'district' }))).toEqual({
      access: 'DENIED',
      reason: 'CATEGORY_NOT_IN_CONSENT',
    });
  });

  it('a consent to version 2 shares the address, generalised', () => {
    const consent: ConsentState = { kind: 'granted', consentedVersion: PARTICIPATION_V2, expiresAt: null };
    expect(decideFieldAccess(input({ consent, category: 'address', field: 'district' }))).toEqual({
      access: 'GENERALISED',
    });
  });

  it('a recipient association reads under the controller institute’s purpose; another association does not', () => {
    const concerts: PurposeVersionPolicy = {
      ...PARTICIPATION_V2,
      controllerId: 'org-adult-education',
      recipientIds: ['org-jazz-association'],
    };
    const consent: ConsentState = { kind: 'granted', consentedVersion: concerts, expiresAt: null };
    const as = (organisationId: string) =>
      decideFieldAccess(input({ purposeVersion: concerts, consent, principal: { kind: 'service', organisationId } }));
    expect(as('org-jazz-association')).toEqual({ access: 'FULL' });
    expect(as('org-parish')).toEqual({ access: 'DENIED', reason: 'NOT_A_RECIPIENT' });
  });

  it('a statutory purpose reads without consent, even for a restricted resident only under a legal obligation', () => {
    const daycare: PurposeVersionPolicy = {
      ...PARTICIPATION_V2,
      legalBasis: 'PUBLIC_TASK',
      controllerId: 'org-daycare',
    };
    const base = input({
      purposeVersion: daycare,
      consent: { kind: 'none' },
      principal: { kind: 'service', organisationId: 'org-daycare' },
    });
    expect(decideFieldAccess(base)).toEqual({ access: 'FULL' });
    expect(decideFieldAccess({ ...base, residentRestricted: true })).toEqual({
      access: 'DENIED',
      reason: 'RESIDENT_RESTRICTED',
    });
    const statutory = { ...daycare, legalBasis: 'LEGAL_OBLIGATION' as const };
    expect(decideFieldAccess({ ...base, purposeVersion: statutory, residentRestricted: true })).toEqual({
      access: 'FULL',
    });
  });
});

describe('access levels where two versions meet', () => {
  // Rows: the version in force; columns: the consented version. The stricter one applies,
  // ranked FULL < MASKED < GENERALISED.
  const EXPECTED: Record<AccessLevel, Record<AccessLevel, AccessLevel>> = {
    FULL: { FULL: 'FULL', MASKED: 'MASKED', GENERALISED: 'GENERALISED' },
    MASKED: { FULL: 'MASKED', MASKED: 'MASKED', GENERALISED: 'GENERALISED' },
    GENERALISED: { FULL: 'GENERALISED', MASKED: 'GENERALISED', GENERALISED: 'GENERALISED' },
  };
  for (const [current, row] of Object.entries(EXPECTED)) {
    for (const [consented, expected] of Object.entries(row)) {
      it(`in force ${current}, consented ${consented} → ${expected}`, () => {
        const version = { ...PARTICIPATION_V2, categories: { contact: current as AccessLevel } };
        const consent: ConsentState = {
          kind: 'granted',
          consentedVersion: { ...PARTICIPATION_V1, categories: { contact: consented as AccessLevel } },
          expiresAt: null,
        };
        expect(decideFieldAccess(input({ purposeVersion: version, consent }))).toEqual({ access: expected });
      });
    }
  }

  it('without consent in play, the version’s own level applies', () => {
    const version: PurposeVersionPolicy = {
      ...PARTICIPATION_V2,
      legalBasis: 'PUBLIC_TASK',
      categories: { contact: 'MASKED' },
    };
    expect(decideFieldAccess(input({ purposeVersion: version, consent: { kind: 'none' } }))).toEqual({
      access: 'MASKED',
    });
  });
});

describe('consent expiry at the request instant', () => {
  const at = (ms: number) =>
    input({
      consent: { kind: 'granted', consentedVersion: PARTICIPATION_V1, expiresAt: new Date(NOW.getTime() + ms) },
    });
  it('is valid one millisecond before expiresAt and expired at it', () => {
    expect(decideFieldAccess(at(1))).toEqual({ access: 'FULL' });
    expect(decideFieldAccess(at(0))).toEqual({ access: 'DENIED', reason: 'CONSENT_EXPIRED' });
    expect(decideFieldAccess(at(-1))).toEqual({ access: 'DENIED', reason: 'CONSENT_EXPIRED' });
  });
  it('never expires without expiresAt', () => {
    expect(
      decideFieldAccess(input({ consent: { kind: 'granted', consentedVersion: PARTICIPATION_V1, expiresAt: null } })),
    ).toEqual({ access: 'FULL' });
  });
});

describe('special categories (Art. 9)', () => {
  const special = (over: Partial<PurposeVersionPolicy>, consent: ConsentState) => {
    const version = { ...PARTICIPATION_V2, categories: { 'special.accessibility': 'FULL' as const }, ...over };
    return decideFieldAccess(
      input({ purposeVersion: version, consent, category: 'special.accessibility', field: 'accessibilityNeeds' }),
    );
  };
  const consentTo = (categories: PurposeVersionPolicy['categories']): ConsentState => ({
    kind: 'granted',
    consentedVersion: { ...PARTICIPATION_V1, categories },
    expiresAt: null,
  });

  it('need consent or an Art. 9(2) basis', () => {
    expect(special({ legalBasis: 'PUBLIC_TASK' }, { kind: 'none' })).toEqual({
      access: 'DENIED',
      reason: 'SPECIAL_CATEGORY_WITHOUT_BASIS',
    });
    expect(
      special({ legalBasis: 'PUBLIC_TASK', specialCategoryBasis: 'HEALTH_SOCIAL_CARE' }, { kind: 'none' }),
    ).toEqual({ access: 'FULL' });
    expect(special({}, consentTo({ 'special.accessibility': 'FULL' }))).toEqual({ access: 'FULL' });
  });

  it('resting on explicit consent need the resident’s consent whatever the Art. 6 basis', () => {
    const explicit = { legalBasis: 'PUBLIC_TASK' as const, specialCategoryBasis: 'EXPLICIT_CONSENT' as const };
    expect(special(explicit, { kind: 'none' })).toEqual({ access: 'DENIED', reason: 'NO_CONSENT' });
    expect(special(explicit, consentTo({ 'special.accessibility': 'FULL' }))).toEqual({ access: 'FULL' });
  });
});

describe('officers', () => {
  const officer = (roles: ('ADMIN' | 'OFFICER' | 'AUDITOR')[], hasStatedReason: unknown) =>
    decideFieldAccess(input({ principal: { kind: 'officer', roles, hasStatedReason: hasStatedReason as boolean } }));
  it('read with the OFFICER role and a stated reason, under the same rules as the purpose', () => {
    expect(officer(['OFFICER'], true)).toEqual({ access: 'FULL' });
    expect(officer(['ADMIN'], true)).toEqual({ access: 'DENIED', reason: 'PRINCIPAL_NOT_PERMITTED' });
    expect(officer(['OFFICER'], false)).toEqual({ access: 'DENIED', reason: 'REASON_NOT_STATED' });
    expect(officer(['OFFICER'], 'yes')).toEqual({ access: 'DENIED', reason: 'REASON_NOT_STATED' });
  });
});

describe('explainFieldAccess', () => {
  it('lists every rule in order with its message when access is granted', () => {
    const { decision, steps } = explainFieldAccess(input());
    expect(decision).toEqual({ access: 'FULL' });
    expect(steps.map((s) => [s.rule, s.passed])).toEqual([
      ['principal.relation', true],
      ['purpose.status', true],
      ['category.known', true],
      ['category.in-purpose', true],
      ['category.special-basis', true],
      ['consent.valid', true],
      ['resident.restriction', true],
    ]);
    expect(steps[5]?.message).toContain('version 1');
  });

  it('stops at the rule that denied, and says why', () => {
    const { decision, steps } = explainFieldAccess(
      input({ purposeVersion: { ...PARTICIPATION_V2, status: 'RETIRED' } }),
    );
    expect(decision).toEqual({ access: 'DENIED', reason: 'PURPOSE_RETIRED' });
    expect(steps.map((s) => s.rule)).toEqual(['principal.relation', 'purpose.status']);
    expect(steps[1]).toEqual({
      rule: 'purpose.status',
      passed: false,
      message: 'Version 2 of the purpose is retired.',
    });
  });

  it('does not repeat what a thrown error says (it may carry data)', () => {
    const leaky = input();
    Object.defineProperty(leaky, 'now', {
      get() {
        throw new Error('resident 010190-900R');
      },
    });
    const { decision, steps } = explainFieldAccess(leaky);
    expect(decision).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    expect(steps.at(-1)?.rule).toBe('engine.error');
    expect(JSON.stringify(steps)).not.toContain('010190');
  });
});

describe('malformed input fails closed', () => {
  const engineError = { access: 'DENIED', reason: 'ENGINE_ERROR' };
  it('denies enum members the engine does not know', () => {
    expect(
      decideFieldAccess(input({ purposeVersion: { ...PARTICIPATION_V2, legalBasis: 'NEW_BASIS' as never } })),
    ).toEqual(engineError);
    expect(decideFieldAccess(input({ purposeVersion: { ...PARTICIPATION_V2, status: 'SUSPENDED' as never } }))).toEqual(
      engineError,
    );
    expect(
      decideFieldAccess(
        input({ purposeVersion: { ...PARTICIPATION_V2, categories: { contact: 'PARTIAL' as never } } }),
      ),
    ).toEqual(engineError);
    expect(decideFieldAccess(input({ consent: { kind: 'maybe' } as never }))).toEqual(engineError);
  });

  it('treats categories named like Object.prototype members as data, not as methods', () => {
    for (const category of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(decideFieldAccess(input({ category }))).toEqual({ access: 'DENIED', reason: 'UNKNOWN_CATEGORY' });
    }
    const withProtoKey = JSON.parse('{"__proto__": "FULL", "contact": "FULL"}') as PurposeVersionPolicy['categories'];
    expect(decideFieldAccess(input({ purposeVersion: { ...PARTICIPATION_V2, categories: withProtoKey } }))).toEqual({
      access: 'FULL',
    });
  });

  it('counts anything but an explicit false as restricted', () => {
    expect(decideFieldAccess(input({ residentRestricted: undefined as never }))).toEqual({
      access: 'DENIED',
      reason: 'RESIDENT_RESTRICTED',
    });
    expect(decideFieldAccess(input({ residentRestricted: 0 as never }))).toEqual({
      access: 'DENIED',
      reason: 'RESIDENT_RESTRICTED',
    });
  });

  it('denies an empty or missing field name, organisation id or category', () => {
    expect(decideFieldAccess(input({ field: '' }))).toEqual(engineError);
    expect(decideFieldAccess(input({ category: undefined as never }))).toEqual(engineError);
    expect(decideFieldAccess(input({ principal: { kind: 'service', organisationId: '' } }))).toEqual(engineError);
  });

  it('denies an unknown principal kind by default', () => {
    expect(decideFieldAccess(input({ principal: { kind: 'robot' } as never }))).toEqual({
      access: 'DENIED',
      reason: 'PRINCIPAL_NOT_PERMITTED',
    });
  });

  it('reads each property once, so a value that changes between reads cannot split the decision', () => {
    let reads = 0;
    const version = { ...PARTICIPATION_V2 };
    Object.defineProperty(version, 'status', {
      enumerable: true,
      get() {
        reads += 1;
        return reads === 1 ? 'PUBLISHED' : 'DRAFT';
      },
    });
    expect(decideFieldAccess(input({ purposeVersion: version }))).toEqual({ access: 'FULL' });
    expect(reads).toBe(1);
  });
});

describe('prepareDecisionTable', () => {
  it('reads the principal and purpose version once, when prepared', () => {
    const version = { ...PARTICIPATION_V2, categories: { ...PARTICIPATION_V2.categories } };
    const table = prepareDecisionTable({ kind: 'service', organisationId: 'org-city-planning' }, version);
    version.status = 'RETIRED';
    version.categories.address = 'FULL';
    expect(table.decideField(input())).toEqual({ access: 'FULL' });
    expect(
      table.decideField(
        input({
          category: 'address',
          consent: { kind: 'granted', consentedVersion: PARTICIPATION_V2, expiresAt: null },
        }),
      ),
    ).toEqual({
      access: 'GENERALISED',
    });
  });

  it('does the per-request work once: the purpose version is read at preparation only', () => {
    let reads = 0;
    const version = { ...PARTICIPATION_V2 };
    Object.defineProperty(version, 'categories', {
      enumerable: true,
      get() {
        reads += 1;
        return PARTICIPATION_V2.categories;
      },
    });
    const table = prepareDecisionTable({ kind: 'service', organisationId: 'org-city-planning' }, version);
    for (let i = 0; i < 100; i += 1) {
      table.decideField(input({ category: i % 2 === 0 ? 'contact' : 'address' }));
      table.forResident(input()).decideField('identity.name', 'lastName');
    }
    expect(reads).toBe(1);
  });

  it('hands out frozen results, so one caller cannot change another’s decision', () => {
    const table = prepareDecisionTable({ kind: 'service', organisationId: 'org-elsewhere' }, PARTICIPATION_V2);
    const first = table.explainField(input());
    expect(Object.isFrozen(first.decision)).toBe(true);
    expect(Object.isFrozen(first.steps)).toBe(true);
    expect(() => {
      (first.decision as { access: string }).access = 'FULL';
    }).toThrow(TypeError);
    expect(table.decideField(input())).toEqual({ access: 'DENIED', reason: 'NOT_A_RECIPIENT' });
  });

  it('describes each category: denied for the request, or depending on the resident', () => {
    const table = prepareDecisionTable({ kind: 'service', organisationId: 'org-city-planning' }, PARTICIPATION_V2);
    expect(table.describeCategory('address')).toEqual({
      access: 'PER_RESIDENT',
      ceiling: 'GENERALISED',
      consentRequired: true,
      restrictionApplies: true,
    });
    expect(table.describeCategory('identity.pic')).toEqual({ access: 'DENIED', reason: 'CATEGORY_NOT_IN_PURPOSE' });
    expect(table.describeCategory('made.up')).toEqual({ access: 'DENIED', reason: 'UNKNOWN_CATEGORY' });
    const statutory = prepareDecisionTable(
      { kind: 'service', organisationId: 'org-city-planning' },
      { ...PARTICIPATION_V2, legalBasis: 'LEGAL_OBLIGATION' },
    );
    expect(statutory.describeCategory('contact')).toEqual({
      access: 'PER_RESIDENT',
      ceiling: 'FULL',
      consentRequired: false,
      restrictionApplies: false,
    });
  });

  it('reads a resident once for all their fields, and keeps category denials when that read fails', () => {
    const table = prepareDecisionTable({ kind: 'service', organisationId: 'org-city-planning' }, PARTICIPATION_V2);
    let reads = 0;
    const consent: ConsentState = { kind: 'granted', consentedVersion: PARTICIPATION_V1, expiresAt: null };
    const resident = {
      get consent() {
        reads += 1;
        return consent;
      },
      residentRestricted: false,
      now: NOW,
    };
    const decisions = table.forResident(resident);
    expect(decisions.decideField('contact', 'email')).toEqual({ access: 'FULL' });
    expect(decisions.decideField('identity.name', 'firstName')).toEqual({ access: 'FULL' });
    expect(decisions.decideField('address', 'district')).toEqual({
      access: 'DENIED',
      reason: 'CATEGORY_NOT_IN_CONSENT',
    });
    expect(reads).toBe(1);

    const broken = table.forResident({ ...resident, now: new Date(Number.NaN) });
    expect(broken.decideField('contact', 'email')).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    expect(broken.decideField('identity.pic', 'personalIdentityCode')).toEqual({
      access: 'DENIED',
      reason: 'CATEGORY_NOT_IN_PURPOSE',
    });
  });

  it('denies everything when the request part cannot be read', () => {
    const table = prepareDecisionTable(
      { kind: 'service', organisationId: 'org-city-planning' },
      { ...PARTICIPATION_V2, recipientIds: 'org-a' as never },
    );
    expect(table.decideField(input())).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    expect(table.describeCategory('contact')).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    expect(table.forResident(input()).decideField('contact', 'email')).toEqual({
      access: 'DENIED',
      reason: 'ENGINE_ERROR',
    });
  });
});
