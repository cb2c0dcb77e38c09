// The privacy plan runs the engine's category rules once per purpose version and is cached.
// Whatever it caches, every answer must be the direct engine's for that input alone; its row
// scope must never admit a resident whose fields the engine would deny; and a second request
// under the same version must compile nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentState,
  DATA_CATEGORY_SLUGS,
  type DataCategorySlug,
  decideFieldAccess,
  type PurposeVersionPolicy,
} from '../../../api/src/privacy/index.js';
import {
  compilePrivacyPlan,
  countPlanCompilations,
  isInRowScope,
  privacyPlanFor,
} from '../../../api/src/privacy/privacy-plan.js';
import { consent, consentedVersion, instant, principal, purposeVersion, residentField } from './arbitraries.js';

// A published version never changes, so each generated version gets an id of its own: the
// cache may trust an id only because the loader does.
let nextId = 0;
const uniqueVersion = purposeVersion.map((v) => ({ ...v, id: `plan-test-${nextId++}` }));
// Half the scope inputs are steered towards the allow path (the controller asking under a
// published consent-based version, a granted consent to the same purpose), or the property
// would hardly ever see a resident in scope.
const scopeInput = fc.oneof(
  fc.record({ who: principal, version: purposeVersion, state: consent }),
  fc
    .record({
      version: purposeVersion,
      consentedTo: consentedVersion,
      basis: fc.constantFrom('CONSENT', 'PUBLIC_TASK'),
    })
    .map(({ version, consentedTo, basis }) => ({
      who: { kind: 'service' as const, organisationId: version.controllerId },
      version: {
        ...version,
        status: 'PUBLISHED' as const,
        legalBasis: basis as PurposeVersionPolicy['legalBasis'],
        specialCategoryBasis: 'EXPLICIT_CONSENT' as const,
      },
      state: {
        kind: 'granted' as const,
        consentedVersion: { ...consentedTo, purposeId: version.purposeId },
        expiresAt: null,
      } satisfies ConsentState,
    })),
);
const reads = fc.subarray([...DATA_CATEGORY_SLUGS] as DataCategorySlug[], { minLength: 1, maxLength: 3 });

describe('the cached privacy plan', () => {
  it('decides every field exactly as the direct engine, on the first request and from the cache', () => {
    fc.assert(
      fc.property(
        principal,
        uniqueVersion,
        fc.array(residentField, { minLength: 1, maxLength: 20 }),
        (who, version, inputs) => {
          const first = privacyPlanFor(who, version);
          // The second request reads the same version afresh: equal content, new objects.
          const second = privacyPlanFor(structuredClone(who), structuredClone(version));
          for (const input of inputs) {
            const direct = decideFieldAccess({ principal: who, purposeVersion: version, ...input });
            for (const plan of [first, second]) {
              expect(plan.forResident(input).decideField(input.category, input.field)).toEqual(direct);
              expect(plan.table.decideField(input)).toEqual(direct);
            }
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('compiles once per (version, status, principal relation); a second request compiles nothing', () => {
    fc.assert(
      fc.property(principal, uniqueVersion, reads, (who, version, read) => {
        const before = countPlanCompilations();
        const plan = privacyPlanFor(who, version);
        plan.rowScope({ reads: read });
        const afterFirst = countPlanCompilations();
        expect(afterFirst).toBe(before + 1);
        const again = privacyPlanFor(structuredClone(who), structuredClone(version));
        const cacheable = version.status === 'PUBLISHED' || version.status === 'RETIRED';
        if (cacheable) {
          expect(again).toBe(plan);
          expect(again.rowScope({ reads: [...read].reverse() })).toBe(plan.rowScope({ reads: read }));
          expect(countPlanCompilations()).toBe(afterFirst);
        } else {
          // A draft can still change: compiled afresh each time, never cached.
          expect(again).not.toBe(plan);
        }
        // Retiring the version is a new status read this request: a plan of its own.
        if (version.status === 'PUBLISHED') {
          expect(privacyPlanFor(who, { ...version, status: 'RETIRED' })).not.toBe(plan);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps plans of different principals apart (a recipient’s plan is not a stranger’s)', () => {
    const version: PurposeVersionPolicy = {
      id: 'plan-test-recipients',
      purposeId: 'p',
      version: 1,
      status: 'PUBLISHED',
      legalBasis: 'PUBLIC_TASK',
      specialCategoryBasis: null,
      controllerId: 'org-a',
      recipientIds: [],
      categories: { contact: 'FULL' },
    };
    const own = privacyPlanFor({ kind: 'service', organisationId: 'org-a' }, version);
    const stranger = privacyPlanFor({ kind: 'service', organisationId: 'org-b' }, version);
    expect(own.describeCategory('contact')).toMatchObject({ access: 'PER_RESIDENT' });
    expect(stranger.describeCategory('contact')).toEqual({ access: 'DENIED', reason: 'NOT_A_RECIPIENT' });
  });

  it('admits to the row scope only residents every read field of whom the engine would show', () => {
    const inScopeSeen = new Set<boolean>();
    fc.assert(
      fc.property(scopeInput, fc.boolean(), reads, instant, ({ who, version, state }, restricted, read, now) => {
        const result = compilePrivacyPlan(who, version).rowScope({ reads: read });
        if ('denied' in result) {
          // A refusal of the scope is a refusal of each field it reads.
          const denied = read.some(
            (category) =>
              decideFieldAccess({
                principal: who,
                purposeVersion: version,
                consent: state,
                residentRestricted: restricted,
                category,
                field: 'f',
                now,
              }).access === 'DENIED',
          );
          expect(denied).toBe(true);
          return;
        }
        const inScope = isInRowScope(result.scope, { consent: state, restricted }, now);
        inScopeSeen.add(inScope);
        const decisions = read.map((category) =>
          decideFieldAccess({
            principal: who,
            purposeVersion: version,
            consent: state,
            residentRestricted: restricted,
            category,
            field: 'f',
            now,
          }),
        );
        if (inScope) expect(decisions.filter((d) => d.access === 'DENIED')).toEqual([]);
        // Under a consent basis the scope is exactly who the engine would show.
        if (version.legalBasis === 'CONSENT' && read.length === 1) {
          expect(inScope).toBe(decisions[0]?.access !== 'DENIED');
        }
      }),
      { numRuns: 3000 },
    );
    expect(inScopeSeen).toEqual(new Set([true, false]));
  });

  it('orders only by a category open at FULL, and only residents whose consent covers it at FULL', () => {
    fc.assert(
      fc.property(principal, purposeVersion, consentedVersion, instant, (who, version, consentedTo, now) => {
        const plan = compilePrivacyPlan(who, version);
        const sort = plan.describeSort('LAST_NAME');
        const access = plan.describeCategory('identity.name');
        if (access.access === 'DENIED') expect(sort).toEqual(access);
        else if (access.ceiling !== 'FULL') expect(sort).toEqual({ access: 'NOT_FULL', category: 'identity.name' });
        else expect(sort).toEqual({ access: 'ALLOWED' });
        if (sort.access !== 'ALLOWED') return;
        const result = plan.rowScope({ reads: [], orderBy: 'LAST_NAME' });
        if ('denied' in result || !result.scope.consent) return;
        const state: ConsentState = { kind: 'granted', consentedVersion: consentedTo, expiresAt: null };
        const inScope = isInRowScope(result.scope, { consent: state, restricted: false }, now);
        const coveredFully =
          consentedTo.purposeId === version.purposeId && consentedTo.categories['identity.name'] === 'FULL';
        expect(inScope).toBe(coveredFully);
      }),
      { numRuns: 1000 },
    );
    expect(compilePrivacyPlan({ kind: 'system' }, purposeVersionFixture()).describeSort('ID')).toEqual({
      access: 'ALLOWED',
    });
  });
});

function purposeVersionFixture(): PurposeVersionPolicy {
  return {
    id: 'fixture',
    purposeId: 'p',
    version: 1,
    status: 'PUBLISHED',
    legalBasis: 'CONSENT',
    specialCategoryBasis: null,
    controllerId: 'o',
    recipientIds: [],
    categories: {},
  };
}
