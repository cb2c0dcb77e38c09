// The decision table works a decision out once when no consent is in play (every resident
// of a page shares it) and decides everything else in full. These tests pin which inputs
// share a decision, the memo's bound, and the table's fail-closed answers for odd input.
import { describe, expect, it } from 'vitest';
import {
  type AccessPrincipal,
  explainFieldAccess,
  NO_CONSENT,
  type PurposeVersionPolicy,
  prepareDecisionTable,
  type ResidentFieldAccessInput,
} from '../../../api/src/privacy/index.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const CONTROLLER: AccessPrincipal = { kind: 'service', organisationId: 'org-a' };
const VERSION: PurposeVersionPolicy = {
  id: 'table-memo',
  purposeId: 'p',
  version: 1,
  status: 'PUBLISHED',
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  controllerId: 'org-a',
  recipientIds: [],
  categories: { contact: 'FULL' },
};
const input = (overrides: Partial<ResidentFieldAccessInput> = {}): ResidentFieldAccessInput => ({
  consent: NO_CONSENT,
  residentRestricted: false,
  category: 'contact',
  field: 'email',
  now: NOW,
  ...overrides,
});
const consented = {
  kind: 'granted' as const,
  consentedVersion: { id: 'cv', purposeId: 'p', version: 1, categories: { contact: 'FULL' as const } },
  expiresAt: null,
};

describe('the decision table without consent in play', () => {
  it('shares one frozen decision between residents without consent', () => {
    const table = prepareDecisionTable(CONTROLLER, VERSION);
    const first = table.decideField(input());
    expect(first).toEqual({ access: 'DENIED', reason: expect.any(String) });
    expect(Object.isFrozen(first)).toBe(true);
    expect(table.decideField(input({ now: new Date(NOW.getTime()) }))).toBe(first);
  });

  it('decides a consenting resident in full, not from the shared decision', () => {
    const table = prepareDecisionTable(CONTROLLER, VERSION);
    const without = table.decideField(input());
    const withConsent = table.decideField(input({ consent: consented }));
    expect(without.access).toBe('DENIED');
    expect(withConsent.access).not.toBe('DENIED');
    expect(table.decideField(input({ consent: consented }))).not.toBe(withConsent);
  });

  it('keeps restricted and unrestricted, fields, categories and instants apart', () => {
    const table = prepareDecisionTable(CONTROLLER, { ...VERSION, legalBasis: 'PUBLIC_TASK' });
    const open = table.decideField(input());
    expect(open.access).not.toBe('DENIED');
    expect(table.decideField(input({ residentRestricted: true }))).toMatchObject({ access: 'DENIED' });
    expect(table.decideField(input({ field: 'phone' }))).not.toBe(open);
    expect(table.decideField(input({ now: new Date(NOW.getTime() + 1) }))).not.toBe(open);
    expect(table.decideField(input({ category: 'address' }))).toMatchObject({ access: 'DENIED' });
  });

  it.each<[string, Partial<ResidentFieldAccessInput>]>([
    ['a restriction flag that is not a boolean', { residentRestricted: 'no' as unknown as boolean }],
    ['a category that is not a string', { category: 5 as unknown as string }],
    ['a field that is not a string', { field: 5 as unknown as string }],
    ['an instant that is a Date subclass', { now: new (class extends Date {})(NOW.getTime()) }],
  ])('decides %s in full each time, as the direct engine does', (_, overrides) => {
    const version: PurposeVersionPolicy = { ...VERSION, legalBasis: 'PUBLIC_TASK' };
    const table = prepareDecisionTable(CONTROLLER, version);
    const odd = input(overrides);
    const first = table.decideField(odd);
    expect(first).toEqual(explainFieldAccess({ principal: CONTROLLER, purposeVersion: version, ...odd }).decision);
    expect(table.decideField(odd)).not.toBe(first);
  });

  it('decides an input whose reading throws in full, failing it closed instead of throwing', () => {
    const table = prepareDecisionTable(CONTROLLER, { ...VERSION, legalBasis: 'PUBLIC_TASK' });
    const throwing = Object.defineProperty(input(), 'consent', {
      get() {
        throw new Error('unreadable');
      },
    });
    const first = table.decideField(throwing);
    expect(first).toMatchObject({ access: 'DENIED', reason: 'ENGINE_ERROR' });
    expect(table.decideField(throwing)).not.toBe(first);
  });

  it('keeps 1,024 decisions, then starts over', () => {
    const table = prepareDecisionTable(CONTROLLER, { ...VERSION, legalBasis: 'PUBLIC_TASK' });
    const first = table.decideField(input());
    for (let i = 1; i < 1024; i++) table.decideField(input({ field: `f${i}` }));
    expect(table.decideField(input())).toBe(first);
    table.decideField(input({ field: 'overflow' }));
    const again = table.decideField(input());
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('the decision table’s fail-closed answers', () => {
  it.each([[''], [5], [null]])('describes category %j as an engine error', (category) => {
    expect(prepareDecisionTable(CONTROLLER, VERSION).describeCategory(category as string)).toEqual({
      access: 'DENIED',
      reason: 'ENGINE_ERROR',
    });
  });

  it('explains a malformed resident with the same message as the direct path', () => {
    const table = prepareDecisionTable(CONTROLLER, { ...VERSION, legalBasis: 'PUBLIC_TASK' });
    const resident = { consent: { kind: 'bogus' }, residentRestricted: false, now: NOW } as never;
    const direct = table.explainField({ ...(resident as object), category: 'contact', field: 'email' } as never);
    const explained = table.forResident(resident).explainField('contact', 'email');
    expect(explained).toEqual(direct);
    expect(JSON.stringify(explained)).toContain('Malformed input');
  });

  it('explains a resident whose facts cannot be read as the direct path does', () => {
    const table = prepareDecisionTable(CONTROLLER, { ...VERSION, legalBasis: 'PUBLIC_TASK' });
    const resident = Object.defineProperty({ consent: NO_CONSENT, residentRestricted: false, now: NOW }, 'consent', {
      get() {
        throw new Error('unreadable');
      },
    });
    const direct = table.explainField(
      Object.defineProperties(
        { category: 'contact', field: 'email' },
        Object.getOwnPropertyDescriptors(resident),
      ) as never,
    );
    const decided = table.forResident(resident as never);
    expect(decided.explainField('contact', 'email')).toEqual(direct);
    expect(decided.decideField('contact', 'email')).toEqual(direct.decision);
    expect(direct.decision).toMatchObject({ access: 'DENIED', reason: 'ENGINE_ERROR' });
  });
});
