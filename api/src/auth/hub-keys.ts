// The hub's signing keys at run time: which key signs, which keys verify what, and the
// public JWKS. Storage is pluggable (files in hub-key-files.ts, memory for tests); every
// process re-reads it, so `pnpm keys:rotate` takes effect in running servers without a
// restart and without failing a request (see verificationKey).
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
} from 'jose';
import { z } from 'zod';
import {
  assertKeyRingShape,
  type HubKeyRecord,
  type HubPublicJwk,
  KID_PATTERN,
  planPurge,
  planRotation,
  type RotateKeysOptions,
  ZHubPublicJwkSchema,
} from './hub-key-ring.js';
import { TokenError } from './token-error.js';

export const ZHubPrivateJwkSchema = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type HubPrivateJwk = z.infer<typeof ZHubPrivateJwkSchema>;

/** What a storage holds: the ring, and private halves for the next and current keys only. */
export interface StoredHubKeys {
  records: HubKeyRecord[];
  privateJwks: ReadonlyMap<string, HubPrivateJwk>;
}

export interface HubKeyStorage {
  /** The stored keys, or undefined before the first start. */
  read(): Promise<StoredHubKeys | undefined>;
  /** Cheap value that changes whenever the stored keys change. */
  stamp(): Promise<string>;
  /** Runs `fn` holding a lock that other processes sharing the storage respect. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Replaces the stored keys atomically; private halves not in `privateJwks` are deleted. */
  write(keys: StoredHubKeys): Promise<void>;
}

/**
 * Short-lived: access and officer tokens, webhook deliveries — accepted from a retired key
 * only until its retireAfter. Long-lived: consent receipts and audit checkpoints —
 * accepted from any published key that has signed, until the key is purged.
 */
export type KeyUse = 'short-lived' | 'long-lived';

export interface HubSigningKey {
  kid: string;
  alg: 'EdDSA';
  privateKey: CryptoKey;
}

export type HubKeySummary = Omit<HubKeyRecord, 'publicJwk'>;

/** How often a process looks for a rotation done elsewhere (one stat of the key manifest). */
export const KEY_REFRESH_INTERVAL_MS = 5_000;

interface LoadedKey {
  record: HubKeyRecord;
  publicKey: CryptoKey;
  privateKey?: CryptoKey;
}

interface Snapshot {
  stamp: string;
  keys: Map<string, LoadedKey>;
  current: LoadedKey;
}

export class HubKeys {
  readonly #storage: HubKeyStorage;
  #snapshot: Snapshot;
  #checkedAt = Date.now();
  #reloadsStarted = 0;
  #reloadApplied = 0;

  private constructor(storage: HubKeyStorage, snapshot: Snapshot) {
    this.#storage = storage;
    this.#snapshot = snapshot;
  }

  /** Opens the keys in `storage`, creating a current and a next key on first start. */
  static async open(storage: HubKeyStorage, { now = new Date() }: { now?: Date } = {}): Promise<HubKeys> {
    await storage.exclusive(async () => {
      if (await storage.read()) return;
      await storage.write((await generateFirstHubKeyRing(now)).stored);
    });
    return new HubKeys(storage, await loadSnapshot(storage));
  }

  /** Opens the keys in `storage`, which must hold a ring already. */
  static async openExisting(storage: HubKeyStorage): Promise<HubKeys> {
    return new HubKeys(storage, await loadSnapshot(storage));
  }

  /** The key to sign with now. */
  async signingKey(): Promise<HubSigningKey> {
    await this.refresh({ maxAgeMs: KEY_REFRESH_INTERVAL_MS });
    const { record, privateKey } = this.#snapshot.current;
    if (!privateKey) throw new Error('The current hub key has no private half');
    return { kid: record.kid, alg: 'EdDSA', privateKey };
  }

  /**
   * The public key a token's `kid` header names, if that key may have signed a token of
   * this use. `kid` is attacker-controlled: it is only ever compared with known kids (a
   * map lookup), never used as a path, a query or a URL. A `next` key has signed nothing,
   * so it is refused — but first the storage is re-read, because another process may have
   * promoted it a moment ago; that is what lets rotation run under traffic. (An unknown kid
   * costs one stat of the ring file, nothing more.)
   */
  async verificationKey(kid: unknown, { use, now }: { use: KeyUse; now: Date }): Promise<CryptoKey> {
    if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) throw new TokenError('TOKEN_UNKNOWN_KEY');
    await this.refresh({ maxAgeMs: KEY_REFRESH_INTERVAL_MS });
    let key = this.#snapshot.keys.get(kid);
    if (!key || key.record.state === 'next') {
      await this.refresh();
      key = this.#snapshot.keys.get(kid);
    }
    if (!key || key.record.state === 'next') throw new TokenError('TOKEN_UNKNOWN_KEY');
    const { state, retireAfter } = key.record;
    if (use === 'short-lived' && state === 'retired' && retireAfter && now.getTime() >= retireAfter.getTime()) {
      throw new TokenError('TOKEN_UNKNOWN_KEY');
    }
    return key.publicKey;
  }

  /** The public JWKS: next, current and retired keys (never a private member). */
  async jwks(): Promise<JSONWebKeySet> {
    await this.refresh({ maxAgeMs: KEY_REFRESH_INTERVAL_MS });
    return { keys: [...this.#snapshot.keys.values()].map(({ record }) => ({ ...record.publicJwk })) };
  }

  /** Kids, states and dates, for operators. No key material. */
  listKeys(): HubKeySummary[] {
    return summaryOf([...this.#snapshot.keys.values()].map(({ record }) => record));
  }

  /**
   * next → current, current → retired, a fresh next. Safe while other processes serve.
   * `beforeWrite` sees the ring about to be written, holding the storage lock, and may refuse
   * it by throwing (rotate-hub-keys.ts records it there, so the record names the exact ring).
   */
  async rotateKeys(options: RotateKeysOptions & { beforeWrite?: BeforeWrite }): Promise<HubKeySummary[]> {
    await this.#storage.exclusive(async () => {
      const stored = await this.#readStored();
      const fresh = await generateHubKey(options.now);
      const records = planRotation(stored.records, fresh.record, options);
      await options.beforeWrite?.(summaryOf(records));
      const privateJwks = new Map(stored.privateJwks).set(fresh.record.kid, fresh.privateJwk);
      await this.#storage.write({ records, privateJwks: keepSigningHalves(records, privateJwks) });
    });
    await this.refresh();
    return this.listKeys();
  }

  /** Drops a retired key from the JWKS: everything it signed stops verifying. */
  async purgeKey(kid: string, { beforeWrite }: { beforeWrite?: BeforeWrite } = {}): Promise<HubKeySummary[]> {
    await this.#storage.exclusive(async () => {
      const stored = await this.#readStored();
      const records = planPurge(stored.records, kid);
      await beforeWrite?.(summaryOf(records));
      await this.#storage.write({ records, privateJwks: keepSigningHalves(records, stored.privateJwks) });
    });
    await this.refresh();
    return this.listKeys();
  }

  /** Re-reads the storage if it changed and the last look is older than `maxAgeMs`. */
  async refresh({ maxAgeMs = 0 }: { maxAgeMs?: number } = {}): Promise<void> {
    if (Date.now() - this.#checkedAt < maxAgeMs) return;
    // Reloads may overlap (each is only a stat unless something changed); the newest
    // started one wins, so a slow older read never replaces a newer snapshot.
    const order = ++this.#reloadsStarted;
    const stamp = await this.#storage.stamp();
    const snapshot = stamp === this.#snapshot.stamp ? this.#snapshot : await loadSnapshot(this.#storage);
    if (order > this.#reloadApplied) {
      this.#reloadApplied = order;
      this.#snapshot = snapshot;
      this.#checkedAt = Date.now();
    }
  }

  async #readStored(): Promise<StoredHubKeys> {
    const stored = await this.#storage.read();
    if (!stored) throw new Error('The hub key storage is empty');
    return stored;
  }
}

/** Called with the ring a change is about to write; throwing stops the write. */
export type BeforeWrite = (ring: HubKeySummary[]) => Promise<void>;

function summaryOf(records: readonly HubKeyRecord[]): HubKeySummary[] {
  return records.map(({ publicJwk: _omitted, ...summary }) => summary);
}

/** Hub keys held in memory only — for tests and throwaway runs. */
export function createMemoryHubKeys(options: { now?: Date } = {}): Promise<HubKeys> {
  return HubKeys.open(createMemoryHubKeyStorage(), options);
}

export function createMemoryHubKeyStorage(): HubKeyStorage {
  let stored: StoredHubKeys | undefined;
  let version = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read: async () => stored && { records: [...stored.records], privateJwks: new Map(stored.privateJwks) },
    stamp: async () => String(version),
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = queue.then(fn, fn);
      queue = run.catch(() => undefined);
      return run;
    },
    write: async (keys) => {
      stored = { records: [...keys.records], privateJwks: new Map(keys.privateJwks) };
      version += 1;
    },
  };
}

/** A first ring, generated but not stored yet: a current key and the next one. */
export interface FirstHubKeyRing {
  currentKid: string;
  nextKid: string;
  stored: StoredHubKeys;
}

export async function generateFirstHubKeyRing(now: Date): Promise<FirstHubKeyRing> {
  const current = await generateHubKey(now);
  const next = await generateHubKey(now);
  return {
    currentKid: current.record.kid,
    nextKid: next.record.kid,
    stored: {
      records: [
        { ...next.record, state: 'next' },
        { ...current.record, state: 'current', activatedAt: now },
      ],
      privateJwks: new Map([
        [current.record.kid, current.privateJwk],
        [next.record.kid, next.privateJwk],
      ]),
    },
  };
}

/** Stores `ring` unless `storage` holds a ring already; false (nothing written) if it does. */
export function storeFirstHubKeyRing(storage: HubKeyStorage, ring: FirstHubKeyRing): Promise<boolean> {
  return storage.exclusive(async () => {
    if (await storage.read()) return false;
    await storage.write(ring.stored);
    return true;
  });
}

async function generateHubKey(now: Date): Promise<{ record: HubKeyRecord; privateJwk: HubPrivateJwk }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const { kty, crv, x, d } = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey), 'sha256');
  const publicJwk: HubPublicJwk = ZHubPublicJwkSchema.parse({ kty, crv, x, kid, alg: 'EdDSA', use: 'sig' });
  return {
    record: { kid, state: 'next', createdAt: now, publicJwk },
    privateJwk: ZHubPrivateJwkSchema.parse({ kty, crv, x, d }),
  };
}

/** Private halves are kept for keys that sign or will sign; a retired key's is deleted. */
function keepSigningHalves(
  records: readonly HubKeyRecord[],
  privateJwks: ReadonlyMap<string, HubPrivateJwk>,
): Map<string, HubPrivateJwk> {
  const kept = new Map<string, HubPrivateJwk>();
  for (const { kid, state } of records) {
    const jwk = privateJwks.get(kid);
    if (state !== 'retired' && jwk) kept.set(kid, jwk);
  }
  return kept;
}

// The stamp is taken before reading, so a write racing the read leaves an old stamp and the
// next refresh loads again; the reverse order could keep a stale snapshot for good.
async function loadSnapshot(storage: HubKeyStorage): Promise<Snapshot> {
  const stamp = await storage.stamp();
  const stored = await storage.read();
  if (!stored) throw new Error('The hub key storage is empty');
  assertKeyRingShape(stored.records);
  const keys = new Map<string, LoadedKey>();
  for (const record of stored.records) {
    keys.set(record.kid, await loadKey(record, stored.privateJwks.get(record.kid)));
  }
  const current = [...keys.values()].find(({ record }) => record.state === 'current');
  if (!current) throw new Error('The hub key set has no current key');
  return { stamp, keys, current };
}

// A stored key is trusted only if it is self-consistent: its kid is the thumbprint of its
// public half, and its private half belongs to that public half. A tampered or mixed-up
// key directory fails loudly at load instead of signing with an unexpected key.
async function loadKey(record: HubKeyRecord, privateJwk: HubPrivateJwk | undefined): Promise<LoadedKey> {
  const { kty, crv, x } = record.publicJwk;
  if ((await calculateJwkThumbprint({ kty, crv, x }, 'sha256')) !== record.kid) {
    throw new Error(`Hub key ${record.kid}: kid is not the thumbprint of its public key`);
  }
  const publicKey = await importJwkAsCryptoKey(record.publicJwk);
  if (record.state === 'retired') return { record, publicKey };
  if (!privateJwk || privateJwk.x !== x) {
    throw new Error(`Hub key ${record.kid} is ${record.state} but its private key is missing or does not match`);
  }
  // Imported non-extractable: once loaded, the private key cannot be exported from memory.
  return { record, publicKey, privateKey: await importJwkAsCryptoKey({ ...privateJwk, ext: false }) };
}

async function importJwkAsCryptoKey(jwk: HubPublicJwk | (HubPrivateJwk & { ext: false })): Promise<CryptoKey> {
  const key = await importJWK(jwk, 'EdDSA');
  if (key instanceof Uint8Array) throw new Error('Hub keys must be asymmetric');
  return key;
}
