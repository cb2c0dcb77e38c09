// Overlap control between released populations: a candidate is refused exactly when some
// earlier release differs from it by one to k−1 residents, computed here from real sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTooCloseToEarlier } from '../../../api/src/insight/overlap.js';

const setArb = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 30 });

describe('isTooCloseToEarlier', () => {
  it('refuses exactly the populations 1…k−1 residents away from an earlier release', () => {
    fc.assert(
      fc.property(
        setArb,
        fc.array(setArb, { maxLength: 4 }),
        fc.integer({ min: 2, max: 11 }),
        (candidate, earlier, k) => {
          const mine = new Set(candidate);
          const distances = earlier.map((e) => {
            const theirs = new Set(e);
            return [...mine].filter((x) => !theirs.has(x)).length + [...theirs].filter((x) => !mine.has(x)).length;
          });
          const refused = isTooCloseToEarlier({
            candidate: mine.size,
            earlier: earlier.map((e) => ({ size: e.length, shared: e.filter((x) => mine.has(x)).length })),
            k,
          });
          expect(refused).toBe(distances.some((d) => d >= 1 && d < k));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('releases the same population again and one k residents away', () => {
    expect(isTooCloseToEarlier({ candidate: 20, earlier: [{ size: 20, shared: 20 }], k: 5 })).toBe(false);
    expect(isTooCloseToEarlier({ candidate: 19, earlier: [{ size: 20, shared: 19 }], k: 5 })).toBe(true);
    expect(isTooCloseToEarlier({ candidate: 15, earlier: [{ size: 20, shared: 15 }], k: 5 })).toBe(false);
    // Two in, two out: four apart, though the size is unchanged.
    expect(isTooCloseToEarlier({ candidate: 20, earlier: [{ size: 20, shared: 18 }], k: 5 })).toBe(true);
  });
});
