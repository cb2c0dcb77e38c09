// The hub's signing keys as data: which key is in which state, and how a rotation or a
// purge changes that. Pure functions, no I/O and no key material — hub-keys.ts applies
// them and hub-key-files.ts stores them.
//
// States and why:
// - `next`: published in the JWKS but never used to sign. Every verifier (other API
//   processes, services caching our JWKS) learns the key before any token carries it
//   (RFC 7517 key rollover; SECURITY.md "publish the next key before signing with it").
// - `current`: the one key that signs. Exactly one at any time.
// - `retired`: signs nothing any more; its private half is deleted at retirement, so a
//   later break-in finds nothing to sign with. Its public half stays published until an
//   operator purges it explicitly, because consent receipts and audit checkpoints it
//   signed are evidence that must stay verifiable for years. Short-lived tokens
//   (access and officer tokens) are accepted from a retired key only until `retireAfter`
//   — by then everything short-lived it signed has expired anyway, so the window only
//   narrows what a key stolen before its retirement could still be used for.
import { z } from 'zod';

export type HubKeyState = 'next' | 'current' | 'retired';

/** The public half of a hub key, exactly as the JWKS publishes it. */
export interface HubPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface HubKeyRecord {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  kid: string;
  state: HubKeyState;
  createdAt: Date;
  /** When it became `current`. */
  activatedAt?: Date;
  /** When it stopped signing. */
  retiredAt?: Date;
  /** From this moment short-lived tokens signed with it are refused. */
  retireAfter?: Date;
  publicJwk: HubPublicJwk;
}

/** A SHA-256 thumbprint is 32 bytes, i.e. 43 base64url characters. Nothing else is a kid. */
export const KID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Longest lifetime of any short-lived token the hub signs (officer tokens: 10 min). */
export const MAX_SHORT_LIVED_TOKEN_SECONDS = 600;

/**
 * Added to `retireAfter`: another API process may not have noticed a rotation yet and keep
 * signing with the old key for a few seconds (it re-reads the key directory at least every
 * few seconds), and clocks differ by up to the clock tolerance.
 */
export const ROTATION_GRACE_SECONDS = 60;

export const ZHubPublicJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string().regex(KID_PATTERN),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

export const ZHubKeyRecordSchema = z.strictObject({
  kid: z.string().regex(KID_PATTERN),
  state: z.enum(['next', 'current', 'retired']),
  createdAt: z.coerce.date(),
  activatedAt: z.coerce.date().optional(),
  retiredAt: z.coerce.date().optional(),
  retireAfter: z.coerce.date().optional(),
  publicJwk: ZHubPublicJwkSchema,
});

/** Throws unless the ring has exactly one current and one next key and unique kids. */
export function assertKeyRingShape(records: readonly HubKeyRecord[]): void {
  const count = (state: HubKeyState) => records.filter((record) => record.state === state).length;
  if (count('current') !== 1 || count('next') !== 1) {
    throw new Error('The hub key set must hold exactly one current and one next key');
  }
  if (new Set(records.map((record) => record.kid)).size !== records.length) {
    throw new Error('The hub key set holds the same kid twice');
  }
  for (const record of records) {
    if (record.publicJwk.kid !== record.kid) throw new Error(`Hub key ${record.kid} publishes another kid`);
    if (record.state === 'retired' && !record.retireAfter) {
      throw new Error(`Retired hub key ${record.kid} has no retireAfter`);
    }
  }
}

export interface RotateKeysOptions {
  now: Date;
  /** Longest lifetime of a short-lived token signed by the current key; default 10 min. */
  maxTokenLifetimeSeconds?: number;
}

/** next → current, current → retired, `fresh` becomes the new next. Retired keys stay. */
export function planRotation(
  records: readonly HubKeyRecord[],
  fresh: HubKeyRecord,
  { now, maxTokenLifetimeSeconds = MAX_SHORT_LIVED_TOKEN_SECONDS }: RotateKeysOptions,
): HubKeyRecord[] {
  assertKeyRingShape(records);
  if (!Number.isFinite(maxTokenLifetimeSeconds) || maxTokenLifetimeSeconds <= 0) {
    throw new RangeError('maxTokenLifetimeSeconds must be a positive number');
  }
  const retireAfter = new Date(now.getTime() + (maxTokenLifetimeSeconds + ROTATION_GRACE_SECONDS) * 1000);
  const rotated = records.map((record): HubKeyRecord => {
    if (record.state === 'next') return { ...record, state: 'current', activatedAt: now };
    if (record.state === 'current') return { ...record, state: 'retired', retiredAt: now, retireAfter };
    return record;
  });
  const ring = [{ ...fresh, state: 'next' as const }, ...rotated];
  assertKeyRingShape(ring);
  return ring;
}

/** Removes a retired key from the JWKS for good: what it signed no longer verifies. */
export function planPurge(records: readonly HubKeyRecord[], kid: string): HubKeyRecord[] {
  const record = records.find((candidate) => candidate.kid === kid);
  if (!record) throw new Error(`No hub key ${kid}`);
  if (record.state !== 'retired') throw new Error(`Hub key ${kid} is ${record.state}; only retired keys can be purged`);
  return records.filter((candidate) => candidate.kid !== kid);
}
