// Overlap control between released populations (pure). Two released tables whose populations
// differ by one to k−1 residents would let their difference be read as a small group — the
// tracker, or simply a campaign created before and another after one resident withdrew. So a
// population is released only if it is the same set as every earlier one it meets, or differs
// from it by at least k residents (symmetric difference). The decision reads who is in the
// populations, never what is recorded about them, so a refusal tells nothing about a value.

export interface ReleasedPopulation {
  /** Residents the earlier release counted. */
  size: number;
  /** Of them, how many are in the population about to be released. */
  shared: number;
}

/** |A Δ B| = |A| + |B| − 2|A ∩ B|. */
export function symmetricDifference({ size, shared, candidate }: ReleasedPopulation & { candidate: number }): number {
  return size + candidate - 2 * shared;
}

/** True when releasing `candidate` residents next to these earlier releases would single out a small group. */
export function isTooCloseToEarlier({
  candidate,
  earlier,
  k,
}: {
  candidate: number;
  earlier: readonly ReleasedPopulation[];
  k: number;
}): boolean {
  return earlier.some((e) => {
    const d = symmetricDifference({ ...e, candidate });
    return d > 0 && d < k;
  });
}
