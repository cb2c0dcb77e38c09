// The plan cache is bounded: at 2,000 plans it starts over. A file of its own, so the cache
// holds only this test's plans and the count is exact.
import { expect, it } from 'vitest';
import type { PurposeVersionPolicy } from '../../../api/src/privacy/index.js';
import { privacyPlanFor } from '../../../api/src/privacy/privacy-plan.js';

const version = (id: string): PurposeVersionPolicy => ({
  id,
  purposeId: 'p',
  version: 1,
  status: 'PUBLISHED',
  legalBasis: 'PUBLIC_TASK',
  specialCategoryBasis: null,
  controllerId: 'o',
  recipientIds: [],
  categories: { contact: 'FULL' },
});

it('keeps the first plan through 2,000 plans and starts over at the 2,001st', () => {
  const who = { kind: 'system' } as const;
  const first = privacyPlanFor(who, version('bound-first'));
  for (let i = 1; i < 2_000; i++) privacyPlanFor(who, version(`bound-${i}`));
  expect(privacyPlanFor(who, version('bound-first'))).toBe(first);
  privacyPlanFor(who, version('bound-overflow'));
  expect(privacyPlanFor(who, version('bound-first'))).not.toBe(first);
});
