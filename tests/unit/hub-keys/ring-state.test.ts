// Rebuilding the ring the keys.* records leave (ring-state.ts): whole rings from records that
// carry them, and from older kid-only records only what they tell — the rest unknown (null),
// which ringMatches does not compare.
import { describe, expect, it } from 'vitest';
import { expectedRingFrom, ringMatches } from '../../../api/src/hub-keys/ring-state.js';

const ring = (current: string, next: string, retired: string[] = []) => ({ current, next, retired });

describe('expectedRingFrom', () => {
  it('is undefined with no record that changes the ring', () => {
    expect(expectedRingFrom([])).toBeUndefined();
    expect(expectedRingFrom([{ kind: 'keys.unrecorded_change', payload: { found: ring('A', 'B') } }])).toBeUndefined();
    expect(expectedRingFrom([{ kind: 'keys.purge', payload: { kid: 'X' } }])).toBeUndefined();
  });

  it('takes the newest whole ring; an unrecorded change does not move it, an acknowledgement does', () => {
    const created = {
      kind: 'keys.create',
      payload: { kid: 'A', nextKid: 'B', recordedLate: false, ring: ring('A', 'B') },
    };
    const rotated = { kind: 'keys.rotate', payload: { kid: 'B', ring: ring('B', 'C', ['A']) } };
    const found = ring('A', 'B');
    const reported = { kind: 'keys.unrecorded_change', payload: { expected: ring('B', 'C', ['A']), found } };
    expect(expectedRingFrom([created, rotated, reported])).toEqual(ring('B', 'C', ['A']));
    const acknowledged = { kind: 'keys.change_acknowledged', payload: { operator: 'Aino', found } };
    expect(expectedRingFrom([created, rotated, reported, acknowledged])).toEqual(found);
  });

  it('from older kid-only records: a rotation to the expected next key retires the current one', () => {
    const old = [
      { kind: 'keys.create', payload: { kid: 'A', nextKid: 'B', recordedLate: false } },
      { kind: 'keys.rotate', payload: { kid: 'B' } },
    ];
    expect(expectedRingFrom(old)).toEqual({ current: 'B', next: null, retired: ['A'] });
    // The next rotation's promoted key was never written down: retired keys are unknown from then on.
    expect(expectedRingFrom([...old, { kind: 'keys.rotate', payload: { kid: 'C' } }])).toEqual({
      current: 'C',
      next: null,
      retired: null,
    });
    expect(expectedRingFrom([...old, { kind: 'keys.purge', payload: { kid: 'A' } }])).toEqual({
      current: 'B',
      next: null,
      retired: [],
    });
    // A late creation of old did not write the retired keys it found.
    expect(
      expectedRingFrom([{ kind: 'keys.create', payload: { kid: 'A', nextKid: 'B', recordedLate: true } }]),
    ).toEqual({ current: 'A', next: 'B', retired: null });
  });
});

describe('ringMatches', () => {
  it('compares what is known, each part on its own, retired kids in any order', () => {
    const found = ring('B', 'C', ['A', 'Z']);
    expect(ringMatches(ring('B', 'C', ['Z', 'A']), found)).toBe(true);
    expect(ringMatches(ring('X', 'C', ['A', 'Z']), found)).toBe(false);
    expect(ringMatches(ring('B', 'X', ['A', 'Z']), found)).toBe(false);
    expect(ringMatches(ring('B', 'C', ['A']), found)).toBe(false);
    expect(ringMatches(ring('B', 'C', ['A', 'Y']), found)).toBe(false);
    expect(ringMatches({ current: 'B', next: null, retired: null }, found)).toBe(true);
    expect(ringMatches({ current: null, next: null, retired: null }, found)).toBe(true);
  });
});
