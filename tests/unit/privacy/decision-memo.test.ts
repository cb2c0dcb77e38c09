// A prepared decision table works out a decision without consent once and shares it among
// the residents of a request. Whatever the order and mix of inputs, every answer must be
// the one the direct engine gives for that input alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentState,
  decideFieldAccess,
  NO_CONSENT,
  prepareDecisionTable,
  type ResidentFieldAccessInput,
} from '../../../api/src/privacy/index.js';
import { consent, consentedVersion, principal, purposeVersion, residentField } from './arbitraries.js';

// Half the inputs use the shared NO_CONSENT value (the memoised path), the rest any state.
const field = fc.oneof(
  residentField.map((input) => ({ ...input, consent: NO_CONSENT })),
  residentField,
);

describe('decisions without consent, shared within a request', () => {
  it('equal the direct engine’s for every input of any sequence', () => {
    fc.assert(
      fc.property(
        principal,
        purposeVersion,
        fc.array(field, { minLength: 1, maxLength: 40 }),
        (who, version, inputs) => {
          const table = prepareDecisionTable(who, version);
          for (const input of inputs) {
            expect(table.decideField(input)).toEqual(
              decideFieldAccess({ principal: who, purposeVersion: version, ...input }),
            );
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('are decided on what was read once, however the input answers a second time', () => {
    fc.assert(
      fc.property(principal, purposeVersion, consentedVersion, residentField, (who, version, consentedTo, plain) => {
        const table = prepareDecisionTable(who, version);
        const granted: ConsentState = { kind: 'granted', consentedVersion: consentedTo, expiresAt: null };
        let reads = 0;
        // A consent that is absent when first looked at, and granted afterwards.
        const fickle = { ...plain } as ResidentFieldAccessInput;
        Object.defineProperty(fickle, 'consent', { get: () => (reads++ === 0 ? NO_CONSENT : granted) });
        const withoutConsent = decideFieldAccess({
          principal: who,
          purposeVersion: version,
          ...plain,
          consent: NO_CONSENT,
        });
        expect(table.decideField(fickle)).toEqual(withoutConsent);
        // …and the shared answer for a genuine NO_CONSENT input is still the right one.
        expect(table.decideField({ ...plain, consent: NO_CONSENT })).toEqual(withoutConsent);
      }),
      { numRuns: 500 },
    );
  });

  it('are not shared with other consent states, equal in shape or not', () => {
    fc.assert(
      fc.property(principal, purposeVersion, residentField, consent, (who, version, plain, other) => {
        const table = prepareDecisionTable(who, version);
        table.decideField({ ...plain, consent: NO_CONSENT });
        const input = { ...plain, consent: other };
        expect(table.decideField(input)).toEqual(
          decideFieldAccess({ principal: who, purposeVersion: version, ...input }),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
