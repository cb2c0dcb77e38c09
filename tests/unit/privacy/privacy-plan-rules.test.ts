// Example-based checks of the privacy plan's rules, one behaviour each: which residents a row
// scope admits, what a scope requires for each legal basis, how sorting is judged, and what
// the plan cache keeps apart. The property tests in privacy-plan.test.ts compare with the
// engine; these pin the edges (expiry at `now`, a level below FULL, duplicate reads).
import { describe, expect, it } from 'vitest';
import type {
  AccessPrincipal,
  ConsentState,
  LegalBasis,
  PurposeVersionPolicy,
} from '../../../api/src/privacy/index.js';
import type { ResidentSortKey } from '../../../api/src/privacy/personal-fields.js';
import {
  compilePrivacyPlan,
  isInRowScope,
  privacyPlanFor,
  type RowScope,
} from '../../../api/src/privacy/privacy-plan.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const CONTROLLER: AccessPrincipal = { kind: 'service', organisationId: 'org-a' };
let nextId = 0;

function version(overrides: Partial<PurposeVersionPolicy> = {}): PurposeVersionPolicy {
  return {
    id: `plan-rules-${nextId++}`,
    purposeId: 'p',
    version: 1,
    status: 'PUBLISHED',
    legalBasis: 'CONSENT',
    specialCategoryBasis: null,
    controllerId: 'org-a',
    recipientIds: [],
    categories: { contact: 'FULL', address: 'MASKED', 'identity.name': 'FULL', demographics: 'FULL' },
    ...overrides,
  };
}

function granted(categories: Record<string, string>, expiresAt: Date | null = null, purposeId = 'p'): ConsentState {
  return {
    kind: 'granted',
    consentedVersion: { id: 'cv', purposeId, version: 1, categories: categories as never },
    expiresAt,
  };
}

const consentScope = (covers: string[], coversFully: string[] = []): RowScope =>
  ({ excludeRestricted: true, consent: { purposeId: 'p', covers, coversFully } }) as RowScope;

describe('isInRowScope', () => {
  it('admits everyone not restricted when the scope needs no consent', () => {
    expect(isInRowScope({ excludeRestricted: true }, { consent: { kind: 'none' }, restricted: false }, NOW)).toBe(true);
    expect(isInRowScope({ excludeRestricted: true }, { consent: { kind: 'none' }, restricted: true }, NOW)).toBe(false);
    expect(isInRowScope({ excludeRestricted: false }, { consent: { kind: 'none' }, restricted: true }, NOW)).toBe(true);
  });

  it('needs a granted consent to the same purpose', () => {
    const scope = consentScope(['contact']);
    expect(isInRowScope(scope, { consent: { kind: 'none' }, restricted: false }, NOW)).toBe(false);
    expect(isInRowScope(scope, { consent: granted({ contact: 'FULL' }, null, 'other'), restricted: false }, NOW)).toBe(
      false,
    );
    expect(isInRowScope(scope, { consent: granted({ contact: 'FULL' }), restricted: false }, NOW)).toBe(true);
  });

  it('treats a consent expiring exactly now as expired, and one expiring later as valid', () => {
    const scope = consentScope(['contact']);
    const at = (ms: number) => granted({ contact: 'FULL' }, new Date(NOW.getTime() + ms));
    expect(isInRowScope(scope, { consent: at(0), restricted: false }, NOW)).toBe(false);
    expect(isInRowScope(scope, { consent: at(-1), restricted: false }, NOW)).toBe(false);
    expect(isInRowScope(scope, { consent: at(1), restricted: false }, NOW)).toBe(true);
  });

  it('needs the consented version to cover every read category, and every sort category at FULL', () => {
    const resident = (categories: Record<string, string>) => ({ consent: granted(categories), restricted: false });
    expect(isInRowScope(consentScope(['contact', 'address']), resident({ contact: 'FULL' }), NOW)).toBe(false);
    expect(
      isInRowScope(consentScope(['contact', 'address']), resident({ contact: 'FULL', address: 'MASKED' }), NOW),
    ).toBe(true);
    expect(isInRowScope(consentScope([], ['identity.name']), resident({ 'identity.name': 'MASKED' }), NOW)).toBe(false);
    expect(isInRowScope(consentScope([], ['identity.name']), resident({ contact: 'FULL' }), NOW)).toBe(false);
    expect(isInRowScope(consentScope([], ['identity.name']), resident({ 'identity.name': 'FULL' }), NOW)).toBe(true);
  });
});

describe('the plan of one version', () => {
  it('loads consents only when some category is open subject to consent', () => {
    expect(compilePrivacyPlan(CONTROLLER, version()).consentMatters).toBe(true);
    expect(compilePrivacyPlan(CONTROLLER, version({ legalBasis: 'PUBLIC_TASK' })).consentMatters).toBe(false);
    expect(
      compilePrivacyPlan(
        CONTROLLER,
        version({
          legalBasis: 'PUBLIC_TASK',
          specialCategoryBasis: 'EXPLICIT_CONSENT',
          categories: { contact: 'FULL', 'special.accessibility': 'FULL' },
        }),
      ).consentMatters,
    ).toBe(true);
    // A stranger is denied every category: nothing to load consents for.
    expect(compilePrivacyPlan({ kind: 'service', organisationId: 'org-z' }, version()).consentMatters).toBe(false);
  });

  it('answers a category outside the catalogue with UNKNOWN_CATEGORY', () => {
    expect(compilePrivacyPlan(CONTROLLER, version()).describeCategory('no.such')).toEqual({
      access: 'DENIED',
      reason: 'UNKNOWN_CATEGORY',
    });
  });

  it.each<[LegalBasis, boolean, boolean]>([
    ['CONSENT', true, true],
    ['PUBLIC_TASK', true, false],
    ['CONTRACT', true, false],
    ['LEGITIMATE_INTEREST', true, false],
    ['LEGAL_OBLIGATION', false, false],
    ['VITAL_INTEREST', false, false],
  ])('under %s a list reading nothing leaves out restricted residents: %s; needs consent: %s', (basis, excl, needs) => {
    const result = compilePrivacyPlan(CONTROLLER, version({ legalBasis: basis })).rowScope({ reads: [] });
    expect(result).toEqual({
      scope: needs
        ? { excludeRestricted: excl, consent: { purposeId: 'p', covers: [], coversFully: [] } }
        : { excludeRestricted: excl },
    });
  });

  it('lists the read categories once each, sorted, and the sort category as covered fully', () => {
    const plan = compilePrivacyPlan(CONTROLLER, version());
    expect(plan.rowScope({ reads: ['contact', 'address', 'contact'], orderBy: 'LAST_NAME' })).toEqual({
      scope: {
        excludeRestricted: true,
        consent: { purposeId: 'p', covers: ['address', 'contact'], coversFully: ['identity.name'] },
      },
    });
  });

  it('needs consent only for a special category when the basis is not consent', () => {
    const plan = compilePrivacyPlan(
      CONTROLLER,
      version({
        legalBasis: 'PUBLIC_TASK',
        specialCategoryBasis: 'EXPLICIT_CONSENT',
        categories: { contact: 'FULL', 'special.accessibility': 'FULL' },
      }),
    );
    expect(plan.rowScope({ reads: ['contact'] })).toEqual({ scope: { excludeRestricted: true } });
    expect(plan.rowScope({ reads: ['special.accessibility'] })).toEqual({
      scope: {
        excludeRestricted: true,
        consent: { purposeId: 'p', covers: ['special.accessibility'], coversFully: [] },
      },
    });
  });

  it('refuses a scope reading a closed category', () => {
    const plan = compilePrivacyPlan(CONTROLLER, version());
    expect(plan.rowScope({ reads: ['contact', 'interests'] })).toMatchObject({ denied: expect.any(String) });
  });

  it('keeps the scopes of different reads and sort keys apart', () => {
    const plan = compilePrivacyPlan(CONTROLLER, version({ categories: { contact: 'FULL', demographics: 'FULL' } }));
    expect(plan.rowScope({ reads: ['contact'] })).toMatchObject({ scope: { consent: { covers: ['contact'] } } });
    expect(plan.rowScope({ reads: [] })).toMatchObject({ scope: { consent: { covers: [] } } });
    expect(plan.rowScope({ reads: [], orderBy: 'ID' })).toMatchObject({ scope: { consent: { coversFully: [] } } });
    expect(plan.rowScope({ reads: [], orderBy: 'BIRTH_DATE' })).toMatchObject({
      scope: { consent: { coversFully: ['demographics'] } },
    });
    // LAST_NAME reads identity.name, which this version keeps closed.
    expect(plan.rowScope({ reads: [], orderBy: 'LAST_NAME' })).toMatchObject({ denied: expect.any(String) });
  });

  it('keeps at most 256 scopes: the 256th is reused, the 257th compiled afresh each time', () => {
    const plan = compilePrivacyPlan(CONTROLLER, version());
    const slugs = [
      'identity.name',
      'identity.pic',
      'contact',
      'address',
      'demographics',
      'interests',
      'serviceUsage',
      'statistics',
    ] as const;
    const requests = Array.from({ length: 257 }, (_, i) => ({
      reads: slugs.filter((_, bit) => (i >> bit) & 1),
      orderBy: (i >= 256 ? 'ID' : undefined) as ResidentSortKey | undefined,
    }));
    for (const request of requests) plan.rowScope(request);
    const last = requests[256] as (typeof requests)[number];
    const lastKept = requests[255] as (typeof requests)[number];
    expect(plan.rowScope(lastKept)).toBe(plan.rowScope(lastKept));
    expect(plan.rowScope(last)).not.toBe(plan.rowScope(last));
    expect(plan.rowScope(last)).toEqual(plan.rowScope(last));
  });

  it('judges sort keys: unknown denied, ID always, others by their category’s ceiling', () => {
    const plan = compilePrivacyPlan(CONTROLLER, version());
    expect(plan.describeSort('NOPE' as ResidentSortKey)).toEqual({ access: 'DENIED', reason: 'UNKNOWN_CATEGORY' });
    expect(plan.describeSort('ID')).toEqual({ access: 'ALLOWED' });
    expect(plan.describeSort('LAST_NAME')).toEqual({ access: 'ALLOWED' });
    expect(plan.describeSort('DISTRICT')).toEqual({ access: 'NOT_FULL', category: 'address' });
  });
});

describe('the plan cache', () => {
  const officer = (roles: ('ADMIN' | 'OFFICER' | 'AUDITOR')[], hasStatedReason = true): AccessPrincipal => ({
    kind: 'officer',
    roles,
    hasStatedReason,
  });

  it('keeps officers of different roles or stated reasons apart, whatever the order of roles', () => {
    const v = version();
    const plan = privacyPlanFor(officer(['ADMIN', 'OFFICER']), v);
    expect(privacyPlanFor(officer(['OFFICER', 'ADMIN']), v)).toBe(plan);
    expect(privacyPlanFor(officer(['OFFICER']), v)).not.toBe(plan);
    expect(privacyPlanFor(officer(['AUDITOR']), v)).not.toBe(privacyPlanFor(officer(['OFFICER']), v));
    expect(privacyPlanFor(officer(['ADMIN', 'OFFICER'], false), v)).not.toBe(plan);
    expect(privacyPlanFor({ kind: 'system' } as AccessPrincipal, v)).not.toBe(plan);
  });

  it('keeps the resident’s plan apart from the system’s', () => {
    const v = version();
    const system = privacyPlanFor({ kind: 'system' }, v);
    const resident = privacyPlanFor({ kind: 'resident' }, v);
    expect(resident).not.toBe(system);
    expect(privacyPlanFor({ kind: 'resident' }, v)).toBe(resident);
    expect(resident.describeCategory('contact')).toEqual(
      compilePrivacyPlan({ kind: 'resident' }, v).describeCategory('contact'),
    );
    expect(system.describeCategory('contact')).toEqual(
      compilePrivacyPlan({ kind: 'system' }, v).describeCategory('contact'),
    );
  });

  it('keeps services of different organisations apart', () => {
    const v = version();
    const own = privacyPlanFor(CONTROLLER, v);
    expect(privacyPlanFor({ kind: 'service', organisationId: 'org-a' }, v)).toBe(own);
    expect(privacyPlanFor({ kind: 'service', organisationId: 'org-b' }, v)).not.toBe(own);
  });

  it('compiles input of an unexpected shape afresh every time, failing it closed', () => {
    const broken = { kind: 'officer', roles: null, hasStatedReason: true } as unknown as AccessPrincipal;
    const v = version();
    const first = privacyPlanFor(broken, v);
    expect(privacyPlanFor(broken, v)).not.toBe(first);
    expect(first.describeCategory('contact')).toMatchObject({ access: 'DENIED' });
  });

  it('keeps a plan while other versions are compiled after it', () => {
    const a = version();
    const plan = privacyPlanFor(CONTROLLER, a);
    privacyPlanFor(CONTROLLER, version());
    expect(privacyPlanFor(CONTROLLER, a)).toBe(plan);
  });
});
