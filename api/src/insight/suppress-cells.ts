// Statistical disclosure control for insight tables: pure, no I/O, tested with fast-check.
//
// The method, in the order it is applied:
// 1. Fixed questions only. A table counts one population (all residents in the purpose's
//    scope, or one campaign's audience) by ONE pre-defined dimension, and always lists every
//    category of that dimension (an empty one too). There are no free filters and no
//    cross-tabulations, so two tables of the same population share exactly one linear
//    relation — their total — and nothing else can be combined across them.
// 2. Primary suppression: a cell whose true count is below k is hidden (zero included, so
//    "nobody" and "a few" look the same).
// 3. Complementary suppression, assuming the worst: that the caller knows the population's
//    exact total (from another table or from outside). If anything is hidden, at least two
//    cells are hidden and the hidden cells together hold at least k residents; the smallest
//    shown cells are hidden until both hold. Subtracting the shown cells from the total then
//    yields a group of k or more spread over two or more cells, never one small cell.
//    A population below k is hidden altogether, total included.
// 4. Rounding: every number that is published — cells and the total — is rounded to the
//    nearest multiple of k. Any sum or difference of published numbers, within one table or
//    across two queries of overlapping populations (differencing), is therefore a multiple
//    of k: it can never come out as 1…k−1, the size of a small group.
//
// Limits (also in the report of issue 7): rounding and suppression stop exact derivation,
// not every inference. Two populations differing by a few residents can move one cell
// across a rounding boundary, hinting (not proving) where the difference lies; an attacker
// able to create many populations that differ by the same person (the classic tracker) can
// narrow that down. Populations are therefore limited to the scope itself and campaign
// audiences frozen when the campaign is created, whose tables are released once and only
// when no earlier release is 1…k−1 residents away (release-campaign-insight.ts, overlap.ts);
// never defined by the caller, never by what it reports. Interest cells overlap (a resident has
// several interests), so for that dimension the total is not their sum; the same rules
// still apply to it.

export interface CountedCell {
  key: string;
  /** The true number of residents in the cell. */
  count: number;
}

export interface SuppressCellsInput {
  cells: readonly CountedCell[];
  /** The true number of residents in the population. */
  total: number;
  k: number;
}

export interface PublishedCell {
  key: string;
  /** Rounded to a multiple of k; null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface PublishedTable {
  cells: PublishedCell[];
  /** Rounded to a multiple of k; null when the population itself is below k. */
  total: number | null;
  totalSuppressed: boolean;
}

/** Nearest multiple of k, halves up. A count ≥ k never rounds below k. */
export function roundToBase({ value, k }: { value: number; k: number }): number {
  return Math.floor((value + Math.floor(k / 2)) / k) * k;
}

/** Which cells to hide: primary (below k), then complementary until the rule above holds. */
export function chooseSuppressedCells({ cells, total, k }: SuppressCellsInput): Set<string> {
  if (total < k) return new Set(cells.map((c) => c.key));
  const hidden = new Set(cells.filter((c) => c.count < k).map((c) => c.key));
  if (hidden.size === 0) return hidden;
  // Smallest first, ties by key, so the choice is deterministic and costs the least data.
  const candidates = cells
    .filter((c) => !hidden.has(c.key))
    .sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let hiddenSum = cells.filter((c) => hidden.has(c.key)).reduce((sum, c) => sum + c.count, 0);
  for (const cell of candidates) {
    if (hidden.size >= 2 && hiddenSum >= k) break;
    hidden.add(cell.key);
    hiddenSum += cell.count;
  }
  return hidden;
}

export function suppressCells(input: SuppressCellsInput): PublishedTable {
  const { cells, total, k } = input;
  if (!Number.isInteger(k) || k < 2) throw new Error('k must be an integer of at least 2');
  const hidden = chooseSuppressedCells(input);
  const totalSuppressed = total < k;
  return {
    cells: cells.map((c) =>
      hidden.has(c.key)
        ? { key: c.key, count: null, suppressed: true }
        : { key: c.key, count: roundToBase({ value: c.count, k }), suppressed: false },
    ),
    total: totalSuppressed ? null : roundToBase({ value: total, k }),
    totalSuppressed,
  };
}
