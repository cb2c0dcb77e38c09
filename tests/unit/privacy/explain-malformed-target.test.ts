import { describe, expect, it } from 'vitest';
import { type DecideFieldAccessInput, explainFieldAccess } from '../../../api/src/privacy/index.js';

// A field request without a category or field name is miswired: it is denied before any rule
// runs, and the explanation says exactly which part was missing.

function input(over: Partial<DecideFieldAccessInput>): DecideFieldAccessInput {
  return {
    principal: { kind: 'service', organisationId: 'org-1' },
    purposeVersion: {
      id: 'pv-1',
      purposeId: 'p-1',
      version: 1,
      status: 'PUBLISHED',
      legalBasis: 'CONSENT',
      specialCategoryBasis: null,
      controllerId: 'org-1',
      recipientIds: [],
      categories: { contact: 'FULL' },
    },
    consent: { kind: 'none' },
    residentRestricted: false,
    category: 'contact',
    field: 'email',
    now: new Date('2027-03-01T12:00:00Z'),
    ...over,
  };
}

describe('explainFieldAccess with a malformed target', () => {
  it.each([
    [{ category: '' }, 'category'],
    [{ field: '' }, 'field'],
  ])('denies %o with ENGINE_ERROR naming only the %s', (over, what) => {
    expect(explainFieldAccess(input(over))).toEqual({
      decision: { access: 'DENIED', reason: 'ENGINE_ERROR' },
      steps: [
        {
          rule: 'engine.error',
          passed: false,
          message: `Malformed input: ${what} is not a non-empty string. Access is denied.`,
        },
      ],
    });
  });
});
