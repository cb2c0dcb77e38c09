// The insight disclosure rules over random populations: no cell below k is ever shown,
// hidden cells come at least in pairs holding k or more together, and no sum or difference
// of published numbers — within a table, across two dimensions of one population, or across
// two overlapping populations (differencing) — comes out as a small group of 1…k−1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToBase, suppressCells } from '../../../api/src/insight/suppress-cells.js';

interface Person {
  id: number;
  district: number;
  language: number;
  band: number;
}
const DIMENSIONS = { district: 8, language: 3, band: 6 } as const;
type Dimension = keyof typeof DIMENSIONS;

const person = (id: number) =>
  fc.record({
    id: fc.constant(id),
    // Skewed so that small cells are common.
    district: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })),
    language: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 2 })),
    band: fc.integer({ min: 0, max: 5 }),
  });
const population = fc
  .integer({ min: 0, max: 120 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(i))) as fc.Arbitrary<Person[]>);
const kArb = fc.integer({ min: 2, max: 11 });

function tabulate(people: readonly Person[], dimension: Dimension, k: number) {
  const counts = Array.from({ length: DIMENSIONS[dimension] }, () => 0);
  for (const p of people) counts[p[dimension]] = (counts[p[dimension]] ?? 0) + 1;
  const cells = counts.map((count, i) => ({ key: String(i), count }));
  return { cells, table: suppressCells({ cells, total: people.length, k }) };
}

const isSmallGroup = (value: number, k: number) => Math.abs(value) >= 1 && Math.abs(value) <= k - 1;
const shownSum = (table: ReturnType<typeof suppressCells>) =>
  table.cells.reduce((sum, c) => sum + (c.suppressed ? 0 : (c.count as number)), 0);

describe('suppressCells', () => {
  it('never shows a cell below k, and hides everything for a population below k', () => {
    fc.assert(
      fc.property(population, kArb, fc.constantFrom<Dimension>('district', 'language', 'band'), (people, k, dim) => {
        const { cells, table } = tabulate(people, dim, k);
        table.cells.forEach((cell, i) => {
          const truth = cells[i]?.count as number;
          if (truth < k) expect(cell).toEqual({ key: String(i), count: null, suppressed: true });
          if (!cell.suppressed) {
            expect(cell.count as number).toBeGreaterThanOrEqual(k);
            expect(Math.abs((cell.count as number) - truth)).toBeLessThanOrEqual(Math.floor(k / 2));
          }
        });
        if (people.length < k) {
          expect(table.totalSuppressed).toBe(true);
          expect(table.cells.every((c) => c.suppressed)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('hides at least two cells holding k or more together, so the exact total pins no small cell', () => {
    fc.assert(
      fc.property(population, kArb, fc.constantFrom<Dimension>('district', 'language', 'band'), (people, k, dim) => {
        const { cells, table } = tabulate(people, dim, k);
        const hidden = table.cells.flatMap((c, i) => (c.suppressed ? [cells[i]?.count as number] : []));
        if (hidden.length === 0 || people.length < k) return;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        // The caller who knows the exact total learns only this sum: a group of k or more.
        expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 400 },
    );
  });

  it('publishes only multiples of k, so total minus shown cells is never a small group', () => {
    fc.assert(
      fc.property(population, kArb, (people, k) => {
        for (const dim of Object.keys(DIMENSIONS) as Dimension[]) {
          const { table } = tabulate(people, dim, k);
          for (const c of table.cells) if (!c.suppressed) expect((c.count as number) % k).toBe(0);
          if (table.total !== null) {
            expect(table.total % k).toBe(0);
            expect(isSmallGroup(table.total - shownSum(table), k)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('defeats differencing: two overlapping populations, or two dimensions of one, never yield a group of 1…k−1', () => {
    fc.assert(
      fc.property(
        population,
        kArb,
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        (people, k, inA, inB) => {
          // Two overlapping queries: A and B share every resident where both flags hold, and
          // differ by a few (often by exactly one).
          const a = people.filter((p) => inA[p.id] !== false || inB[p.id] !== false);
          const b = people.filter((p, i) => inA[p.id] !== false || (inB[p.id] !== false && i !== 0));
          for (const dim of Object.keys(DIMENSIONS) as Dimension[]) {
            const ta = tabulate(a, dim, k).table;
            const tb = tabulate(b, dim, k).table;
            ta.cells.forEach((ca, i) => {
              const cb = tb.cells[i];
              if (!ca.suppressed && cb && !cb.suppressed) {
                expect(isSmallGroup((ca.count as number) - (cb.count as number), k)).toBe(false);
              }
            });
            if (ta.total !== null && tb.total !== null) {
              expect(isSmallGroup(ta.total - tb.total, k)).toBe(false);
              // Total of one query minus the shown cells of the other.
              expect(isSmallGroup(ta.total - shownSum(tb), k)).toBe(false);
            }
            // Same population, another dimension: its total against this table's shown cells.
            const other = tabulate(a, dim === 'district' ? 'language' : 'district', k).table;
            if (other.total !== null) expect(isSmallGroup(other.total - shownSum(ta), k)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds to the nearest multiple of k and keeps counts of k or more at k or above', () => {
    expect([0, 2, 3, 7, 8, 12, 13].map((value) => roundToBase({ value, k: 5 }))).toEqual([0, 0, 5, 5, 10, 10, 15]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), kArb, (value, k) => {
        const rounded = roundToBase({ value, k });
        expect(rounded % k).toBe(0);
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(Math.floor(k / 2));
        if (value >= k) expect(rounded).toBeGreaterThanOrEqual(k);
      }),
    );
  });

  it('hides the smallest shown cell to protect a lone small one', () => {
    const table = suppressCells({
      cells: [
        { key: 'FI', count: 40 },
        { key: 'SV', count: 6 },
        { key: 'EN', count: 2 },
      ],
      total: 48,
      k: 5,
    });
    expect(table).toEqual({
      cells: [
        { key: 'FI', count: 40, suppressed: false },
        { key: 'SV', count: null, suppressed: true },
        { key: 'EN', count: null, suppressed: true },
      ],
      total: 50,
      totalSuppressed: false,
    });
  });
});
