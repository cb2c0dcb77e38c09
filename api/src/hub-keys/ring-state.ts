// Which hub key ring the audit log says should be on storage, rebuilt from the keys.* records,
// and whether the ring actually found matches it. Pure: no I/O (check-hub-keys.ts reads both).
//
// Since the ring check, keys.create, keys.rotate, keys.purge and keys.change_acknowledged carry
// the whole ring after the change (`ring`: public kids only), so the newest of them says it all.
// Records written before carry only a kid; their state is rebuilt as far as they tell, and what
// they do not tell is unknown (null) and not compared — never guessed, so they cannot false-alarm.
import type { HubKeySummary } from '../auth/index.js';

/** A ring as public kids: the key that signs, the published next one, the retired ones (sorted). */
export interface RingKids {
  current: string;
  next: string;
  retired: string[];
}

/** What the log says; null where older records do not tell. */
export interface ExpectedRing {
  current: string | null;
  next: string | null;
  retired: string[] | null;
}

/** A keys.* record as read back: its kind and payload (unchecked JSON). */
export interface KeysRecord {
  kind: string;
  payload: unknown;
}

export function ringKidsOf(summary: readonly HubKeySummary[]): RingKids {
  const current = summary.find((key) => key.state === 'current')?.kid;
  const next = summary.find((key) => key.state === 'next')?.kid;
  if (!current || !next) throw new Error('The hub key ring has no current or no next key');
  const retired = summary.filter((key) => key.state === 'retired').map((key) => key.kid);
  return { current, next, retired: retired.sort() };
}

/** The kinds that change (or vouch for) the ring; keys.unrecorded_change only reports one. */
export const RING_STATE_KINDS = ['keys.create', 'keys.rotate', 'keys.purge', 'keys.change_acknowledged'] as const;

/**
 * Replays `records` (oldest first) into the ring they leave; undefined if none of them
 * changes the ring (no creation was ever recorded).
 */
export function expectedRingFrom(records: readonly KeysRecord[]): ExpectedRing | undefined {
  let state: ExpectedRing | undefined;
  for (const { kind, payload } of records) {
    if (!(RING_STATE_KINDS as readonly string[]).includes(kind)) continue;
    const p = (payload ?? {}) as {
      kid?: string;
      nextKid?: string;
      recordedLate?: boolean;
      ring?: RingKids;
      found?: RingKids;
    };
    // An acknowledgement vouches for the ring it found.
    const whole = kind === 'keys.change_acknowledged' ? p.found : p.ring;
    if (whole) {
      state = { current: whole.current, next: whole.next, retired: [...whole.retired].sort() };
    } else if (kind === 'keys.create') {
      // An older creation: a fresh ring had no retired keys, but one recorded late was found
      // on disk as it was, and its retired keys were not written down.
      state = { current: p.kid ?? null, next: p.nextKid ?? null, retired: p.recordedLate ? null : [] };
    } else if (kind === 'keys.rotate') {
      // An older rotation named the key that started signing; if it was the expected next key,
      // the old current one retired; the fresh next key was not written down.
      const promoted = state && state.next !== null && state.next === p.kid;
      const retired = promoted && state?.retired && state.current ? [...state.retired, state.current].sort() : null;
      state = { current: p.kid ?? null, next: null, retired };
    } else if (kind === 'keys.purge' && state) {
      state = { ...state, retired: state.retired?.filter((kid) => kid !== p.kid) ?? null };
    }
  }
  return state;
}

/** Whether `found` is what `expected` says, comparing only what is known. */
export function ringMatches(expected: ExpectedRing, found: RingKids): boolean {
  if (expected.current !== null && expected.current !== found.current) return false;
  if (expected.next !== null && expected.next !== found.next) return false;
  if (expected.retired !== null && !sameKids(expected.retired, found.retired)) return false;
  return true;
}

export function sameRing(a: RingKids, b: RingKids): boolean {
  return a.current === b.current && a.next === b.next && sameKids(a.retired, b.retired);
}

function sameKids(a: readonly string[], b: readonly string[]): boolean {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((kid, i) => kid === sortedB[i]);
}
