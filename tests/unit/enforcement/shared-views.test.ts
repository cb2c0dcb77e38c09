// The gate gives residents without consent in play one shared decided view per restriction
// flag, deciding each field once. These tests hold the shared answers equal to each
// resident's own view from the same plan, and show that a consenting resident keeps a view
// of their own.
import { describe, expect, it } from 'vitest';
import { PrivacyGate } from '../../../api/src/enforcement/privacy-gate.js';
import type { ConsentState, PurposeVersionPolicy } from '../../../api/src/privacy/index.js';
import { NO_CONSENT } from '../../../api/src/privacy/index.js';
import { RESIDENT_FIELD_CATEGORIES } from '../../../api/src/privacy/personal-fields.js';
import { compilePrivacyPlan, type PrivacyPlan } from '../../../api/src/privacy/privacy-plan.js';

const NOW = new Date('2026-12-08T00:00:00Z');
const ORGANISATION = 'org-a';
const version = (legalBasis: PurposeVersionPolicy['legalBasis']): PurposeVersionPolicy => ({
  id: `shared-views-${legalBasis}`,
  purposeId: 'p',
  version: 1,
  status: 'PUBLISHED',
  legalBasis,
  specialCategoryBasis: null,
  controllerId: ORGANISATION,
  recipientIds: [],
  categories: { contact: 'FULL', 'identity.name': 'MASKED', address: 'GENERALISED', demographics: 'FULL' },
});

/** A gate whose plan (and consent states) are given, counting the views the plan makes. */
function gateWith(plan: PrivacyPlan, states: (id: string) => ConsentState = () => NO_CONSENT) {
  const principal = { kind: 'service', organisationId: ORGANISATION, purposeVersionId: 'v' } as never;
  const gate = new PrivacyGate({} as never, principal, NOW);
  let views = 0;
  const counted: PrivacyPlan = {
    ...plan,
    forResident: (resident) => {
      views += 1;
      return plan.forResident(resident);
    },
  };
  Object.assign(gate, {
    plan: async () => counted,
    consentStates: async (ids: readonly string[]) => ids.map(states),
  });
  return { gate, views: () => views };
}

const residents = Array.from({ length: 40 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  restricted: i % 4 === 0,
}));

describe('decided views shared by residents without consent in play', () => {
  it.each(['PUBLIC_TASK', 'CONSENT', 'LEGITIMATE_INTEREST'] as const)(
    'under %s: one view per restriction flag, each answer equal to the resident’s own view',
    async (legalBasis) => {
      const plan = compilePrivacyPlan({ kind: 'service', organisationId: ORGANISATION }, version(legalBasis));
      const { gate, views } = gateWith(plan);
      await gate.prepareViews(residents);
      expect(views()).toBe(2);
      for (const resident of residents) {
        const own = plan.forResident({ consent: NO_CONSENT, residentRestricted: resident.restricted, now: NOW });
        for (const [field, category] of Object.entries(RESIDENT_FIELD_CATEGORIES)) {
          expect(gate.read(resident, category, field)).toEqual(own.decideField(category, field));
        }
        // An unknown category is denied alike.
        expect(gate.read(resident, 'no-such-category', 'x')).toEqual(own.decideField('no-such-category', 'x'));
      }
      // Each answer was recorded per resident, as before.
      const record = gate.record.byResident.get(residents[1]?.id as string);
      expect(record && record.returned.size + record.denied.size).toBe(
        Object.keys(RESIDENT_FIELD_CATEGORIES).length + 1,
      );
    },
  );

  it('gives a consenting resident a view of their own', async () => {
    const plan = compilePrivacyPlan({ kind: 'service', organisationId: ORGANISATION }, version('CONSENT'));
    const consent: ConsentState = {
      kind: 'granted',
      consentedVersion: { id: 'v', purposeId: 'p', version: 1, categories: { contact: 'FULL' } },
      expiresAt: null,
    };
    const withConsent = residents[1]?.id;
    const { gate, views } = gateWith(plan, (id) => (id === withConsent ? consent : NO_CONSENT));
    await gate.prepareViews(residents);
    expect(views()).toBe(3);
    const resident = residents[1] as (typeof residents)[number];
    expect(gate.read(resident, 'contact', 'email')).toEqual({ access: 'FULL' });
    expect(gate.read(residents[2] as (typeof residents)[number], 'contact', 'email')).toMatchObject({
      access: 'DENIED',
    });
  });
});
