// Ordering of access levels by how much they reveal, used where two scopes meet (the
// version in force and the version the resident consented to): the stricter one wins.
//
// FULL < MASKED < GENERALISED. GENERALISED ranks strictest because for every field Lupa
// shapes, the generalised form reveals no more than the masked one (e-mail: `•••@domain`
// vs `a•••@domain`; personal identity code: birth year vs full birth date; street address:
// postal code and district vs street name), so choosing it never widens what a consent
// allowed.
import type { AccessLevel } from './types.js';

const STRICTNESS: Readonly<Record<AccessLevel, number>> = { FULL: 0, MASKED: 1, GENERALISED: 2 };

export function pickStricterLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}
