// Properties of the decision engine over generated inputs (fast-check). Each property
// states a promise the privacy engine makes, in terms independent of its implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessLevel,
  type AccessPrincipal,
  type ConsentState,
  type DecideFieldAccessInput,
  decideFieldAccess,
  explainFieldAccess,
  type PurposeVersionPolicy,
  prepareDecisionTable,
} from '../../../api/src/privacy/index.js';
import {
  CATALOGUE,
  category,
  categoryLevels,
  consentedVersion,
  instant,
  level,
  principal,
  purposeVersion,
  residentField,
  sometimesMalformed,
} from './arbitraries.js';

const RUNS = { numRuns: 2000 };
// How much each level reveals, most first; written here rather than taken from the engine.
const STRICTNESS: Record<AccessLevel, number> = { FULL: 0, MASKED: 1, GENERALISED: 2 };

const directInput: fc.Arbitrary<DecideFieldAccessInput> = fc
  .record({ principal, purposeVersion, resident: residentField })
  .map(({ principal, purposeVersion, resident }) => ({ principal, purposeVersion, ...resident }));

describe('(a) a consent-based purpose returns nothing without a valid consent covering the category', () => {
  // Half the inputs are steered towards the allow path (controller, published, a granted
  // consent, a category the version covers), or the property would hardly ever see a grant.
  const steered = fc
    .record({
      input: directInput,
      consented: consentedVersion,
      expiresAt: fc.option(instant, { nil: null }),
      samePurpose: fc.boolean(),
      pick: fc.nat(),
    })
    .map(({ input, consented, expiresAt, samePurpose, pick }) => {
      const slugs = Object.keys(input.purposeVersion.categories);
      return {
        ...input,
        principal: { kind: 'service' as const, organisationId: input.purposeVersion.controllerId },
        purposeVersion: { ...input.purposeVersion, status: 'PUBLISHED' as const },
        consent: {
          kind: 'granted' as const,
          consentedVersion: {
            ...consented,
            purposeId: samePurpose ? input.purposeVersion.purposeId : consented.purposeId,
          },
          expiresAt,
        },
        category: slugs.length > 0 ? (slugs[pick % slugs.length] as string) : input.category,
      };
    });

  it('grants access only with a granted, unexpired consent to this purpose whose version holds the category', () => {
    const consentBased = fc
      .oneof(directInput, steered)
      .map((i) => ({ ...i, purposeVersion: { ...i.purposeVersion, legalBasis: 'CONSENT' as const } }));
    let granted = 0;
    fc.assert(
      fc.property(consentBased, (input) => {
        const decision = decideFieldAccess(input);
        if (decision.access === 'DENIED') return;
        granted += 1;
        const { consent: c, purposeVersion: v, category: slug, now } = input;
        expect(c.kind).toBe('granted');
        if (c.kind !== 'granted') return;
        expect(c.consentedVersion.purposeId).toBe(v.purposeId);
        expect(c.expiresAt === null || now.getTime() < c.expiresAt.getTime()).toBe(true);
        expect(Object.hasOwn(c.consentedVersion.categories, slug)).toBe(true);
        expect(Object.hasOwn(v.categories, slug)).toBe(true);
        // Never more than either version allows.
        const consented = c.consentedVersion.categories[slug] as AccessLevel;
        const current = v.categories[slug] as AccessLevel;
        expect(STRICTNESS[decision.access]).toBe(Math.max(STRICTNESS[consented], STRICTNESS[current]));
      }),
      RUNS,
    );
    // Not vacuous: a few percent of runs reach a grant (about 70 of 2000 at the time of writing).
    expect(granted).toBeGreaterThan(20);
  });
});

describe('(b) a consent to version 1 never unlocks what only version 2 added', () => {
  it('denies every category that version 2 added to version 1, whatever else holds', () => {
    const scenario = fc
      .record({
        v1: categoryLevels,
        added: fc.dictionary(fc.constantFrom(...CATALOGUE), level, { minKeys: 1 }),
        principal,
        restricted: fc.boolean(),
        now: instant,
        pick: fc.nat(),
      })
      .filter(({ v1, added }) => Object.keys(added).some((k) => !Object.hasOwn(v1, k)));
    fc.assert(
      fc.property(scenario, ({ v1, added, principal, restricted, now, pick }) => {
        const onlyInV2 = Object.keys(added).filter((k) => !Object.hasOwn(v1, k));
        const slug = onlyInV2[pick % onlyInV2.length] as string;
        const v2: PurposeVersionPolicy = {
          id: 'pv-2',
          purposeId: 'purpose-a',
          version: 2,
          status: 'PUBLISHED',
          legalBasis: 'CONSENT',
          specialCategoryBasis: null,
          controllerId: 'org-a',
          recipientIds: [],
          categories: { ...v1, ...added },
        };
        const consentToV1: ConsentState = {
          kind: 'granted',
          consentedVersion: { id: 'pv-1', purposeId: 'purpose-a', version: 1, categories: v1 },
          expiresAt: null,
        };
        const input = {
          principal,
          purposeVersion: v2,
          consent: consentToV1,
          residentRestricted: restricted,
          category: slug,
          field: 'email',
          now,
        };
        expect(decideFieldAccess(input).access).toBe('DENIED');
      }),
      RUNS,
    );
  });
});

describe('(c) restricted residents (Art. 18)', () => {
  it('get no data under any basis but legal obligation and vital interest', () => {
    const restrictedInput = fc
      .record({
        input: directInput,
        basis: fc.constantFrom('CONSENT', 'CONTRACT', 'PUBLIC_TASK', 'LEGITIMATE_INTEREST' as const),
      })
      .map(({ input, basis }) => ({
        ...input,
        residentRestricted: true,
        purposeVersion: { ...input.purposeVersion, legalBasis: basis },
      }));
    fc.assert(
      fc.property(restrictedInput, (input) => {
        expect(decideFieldAccess(input).access).toBe('DENIED');
      }),
      RUNS,
    );
  });
});

describe('(d) fail closed', () => {
  const allowed = (): DecideFieldAccessInput => ({
    principal: { kind: 'service', organisationId: 'org-a' },
    purposeVersion: {
      id: 'pv-1',
      purposeId: 'purpose-a',
      version: 1,
      status: 'PUBLISHED',
      legalBasis: 'CONSENT',
      specialCategoryBasis: null,
      controllerId: 'org-a',
      recipientIds: ['org-b'],
      categories: { contact: 'FULL' },
    },
    consent: {
      kind: 'granted',
      consentedVersion: { id: 'pv-1', purposeId: 'purpose-a', version: 1, categories: { contact: 'FULL' } },
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    },
    residentRestricted: false,
    category: 'contact',
    field: 'email',
    now: new Date('2027-03-01T12:00:00Z'),
  });

  // Every one of these is read on the way to granting `allowed()`.
  const PATHS = [
    ['principal'],
    ['principal', 'kind'],
    ['principal', 'organisationId'],
    ['purposeVersion'],
    ['purposeVersion', 'id'],
    ['purposeVersion', 'status'],
    ['purposeVersion', 'legalBasis'],
    ['purposeVersion', 'specialCategoryBasis'],
    ['purposeVersion', 'controllerId'],
    ['purposeVersion', 'recipientIds'],
    ['purposeVersion', 'categories'],
    ['purposeVersion', 'categories', 'contact'],
    ['consent'],
    ['consent', 'kind'],
    ['consent', 'expiresAt'],
    ['consent', 'consentedVersion'],
    ['consent', 'consentedVersion', 'purposeId'],
    ['consent', 'consentedVersion', 'categories'],
    ['consent', 'consentedVersion', 'categories', 'contact'],
    ['residentRestricted'],
    ['category'],
    ['field'],
    ['now'],
  ] as const;

  function withThrowingGetter(path: readonly string[], thrown: unknown): DecideFieldAccessInput {
    const input = allowed();
    let holder: Record<string, unknown> = input as unknown as Record<string, unknown>;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    Object.defineProperty(holder, path.at(-1) as string, {
      enumerable: true,
      get() {
        throw thrown;
      },
    });
    return input;
  }

  it('the unmodified input is granted (so every path below is really read)', () => {
    expect(decideFieldAccess(allowed())).toEqual({ access: 'FULL' });
  });

  it('turns an exception from any getter into DENIED / ENGINE_ERROR, directly and prepared', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.anything(), (path, thrown) => {
        const input = withThrowingGetter(path, thrown);
        expect(decideFieldAccess(input)).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
        // The prepared path is handed the same objects; top-level getters on principal and
        // purposeVersion would throw in this test, not in the engine, so they are skipped.
        if (path.length === 1 && (path[0] === 'principal' || path[0] === 'purposeVersion')) return;
        const table = prepareDecisionTable(input.principal, input.purposeVersion);
        expect(table.decideField(input)).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
        if (path[0] === 'category' || path[0] === 'field') return;
        expect(table.forResident(input).decideField('contact', 'email')).toEqual({
          access: 'DENIED',
          reason: 'ENGINE_ERROR',
        });
      }),
      { numRuns: 500 },
    );
  });

  it('survives hostile objects: proxies that throw on every trap, a Date whose getTime throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
        getPrototypeOf: () => {
          throw new Error('boom');
        },
      },
    );
    class BrokenDate extends Date {
      override getTime(): number {
        throw hostile;
      }
    }
    const variants: DecideFieldAccessInput[] = [
      {
        ...allowed(),
        purposeVersion: { ...allowed().purposeVersion, categories: hostile as PurposeVersionPolicy['categories'] },
      },
      { ...allowed(), principal: hostile as AccessPrincipal },
      { ...allowed(), consent: hostile as ConsentState },
      { ...allowed(), now: new BrokenDate() },
      { ...allowed(), now: new Date(Number.NaN) },
      {
        ...allowed(),
        consent: { ...(allowed().consent as ConsentState & { kind: 'granted' }), expiresAt: new Date(Number.NaN) },
      },
      hostile as DecideFieldAccessInput,
    ];
    for (const input of variants) {
      expect(decideFieldAccess(input)).toEqual({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    }
  });

  it('never throws and denies for arbitrary garbage as input', () => {
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        const input = garbage as DecideFieldAccessInput;
        expect(decideFieldAccess(input).access).toBe('DENIED');
        expect(() => explainFieldAccess(input)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('(e) a prepared decision table gives the direct answer', () => {
  it('for every principal, purpose version and sequence of resident fields, including malformed ones', () => {
    fc.assert(
      fc.property(
        sometimesMalformed(principal),
        sometimesMalformed(purposeVersion),
        fc.array(sometimesMalformed(residentField), { minLength: 1, maxLength: 8 }),
        (who, version, fields) => {
          const table = prepareDecisionTable(who, version);
          for (const field of fields) {
            // One object for both paths; the table ignores the principal and version in it.
            const input = { principal: who, purposeVersion: version, ...field };
            const direct = explainFieldAccess(input);
            expect(table.explainField(input)).toEqual(direct);
            expect(table.decideField(input)).toEqual(direct.decision);
            if (typeof field !== 'object' || field === null) {
              expect(table.decideField(field).access).toBe('DENIED');
              continue;
            }
            // The per-resident path reads consent, restriction and instant once.
            const resident = table.forResident(input);
            expect(resident.explainField(input.category, input.field)).toEqual(direct);
            expect(resident.decideField(input.category, input.field)).toEqual(direct.decision);
          }
        },
      ),
      RUNS,
    );
  });

  it('describes each category consistently with the per-field answers', () => {
    fc.assert(
      fc.property(principal, purposeVersion, residentField, (who, version, field) => {
        const table = prepareDecisionTable(who, version);
        const summary = table.describeCategory(field.category);
        const decision = table.decideField(field);
        if (summary.access === 'DENIED') {
          expect(decision).toEqual(summary);
          return;
        }
        if (decision.access === 'DENIED') {
          // Only the per-resident rules may deny once the category is open.
          expect([
            'NO_CONSENT',
            'CONSENT_WITHDRAWN',
            'CONSENT_EXPIRED',
            'CONSENT_UNCONFIRMED',
            'CATEGORY_NOT_IN_CONSENT',
            'RESIDENT_RESTRICTED',
          ]).toContain(decision.reason);
        } else {
          expect(STRICTNESS[decision.access]).toBeGreaterThanOrEqual(STRICTNESS[summary.ceiling]);
        }
        if (!summary.consentRequired && !(summary.restrictionApplies && field.residentRestricted)) {
          expect(decision).toEqual({ access: summary.ceiling });
        }
      }),
      RUNS,
    );
  });
});

describe('every decision is explained', () => {
  it('the decision of explainFieldAccess is the one decideFieldAccess returns', () => {
    fc.assert(
      fc.property(directInput, category, (input, slug) => {
        const withCategory = { ...input, category: slug };
        expect(explainFieldAccess(withCategory).decision).toEqual(decideFieldAccess(withCategory));
      }),
      RUNS,
    );
  });
});
