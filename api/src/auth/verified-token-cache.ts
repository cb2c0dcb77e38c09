// Service access tokens already verified, remembered for the rest of their lifetime (at
// most ten minutes), so a service's next request with the same token skips the signature
// check: after the database, the largest cost of a lookup by identity code.
//
// Only what cannot change for the same bytes is taken from memory: the signature, typ,
// iss, aud and the claims. What can change is checked on every use, exactly as without the
// cache: the time (a remembered token is used only strictly inside the window in which
// verification already passed; at or past its edges it is verified afresh and refused
// with the usual code) and the signing key (still accepted for short-lived tokens — not
// purged, not retired past its date). Whether the service and its purpose version are
// still active is read from the database on every request anyway (http/principal.ts).
// Failures are never remembered. Tokens are held by their SHA-256, not as themselves.
import { createHash } from 'node:crypto';

interface Entry<T> {
  value: T;
  kid: string;
  /** Seconds since the epoch: usable from (inclusive) … until (exclusive). */
  from: number;
  until: number;
}

export interface RememberedToken<T> {
  value: T;
  kid: string;
}

export class VerifiedTokenCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered verification of `token`, if `nowSeconds` lies inside its window. */
  get(token: string, nowSeconds: number): RememberedToken<T> | undefined {
    const key = keyOf(token);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (nowSeconds < entry.from || nowSeconds >= entry.until) {
      this.#entries.delete(key);
      return undefined;
    }
    return { value: entry.value, kid: entry.kid };
  }

  remember(token: string, entry: Entry<T>): void {
    if (entry.until <= entry.from) return;
    const key = keyOf(token);
    this.#entries.delete(key);
    // Oldest first: a Map iterates in insertion order.
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, entry);
  }

  forget(token: string): void {
    this.#entries.delete(keyOf(token));
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
