// Failed sign-ins counted per (account, client) and per client, in memory.
//
// Why not one counter per account: then anyone who knows an officer's e-mail could lock that
// officer out with five requests. Counting per (account, client) locks only the client that
// guessed wrong — the officer still signs in from their own machine — and the per-client count
// throttles a client that walks through many accounts. The account key is the typed e-mail,
// not the officer id, so an unknown address is counted and locked exactly like a known one
// and the lock itself cannot reveal which addresses have accounts.
//
// Per process: behind a load balancer each process counts on its own, which multiplies the
// allowance by the process count but never removes it; a restart forgets the counts.

export interface FailureLimit {
  /** Failures within `windowMs` that block the key. */
  maxFailures: number;
  windowMs: number;
  /** How long a blocked key stays blocked. */
  blockMs: number;
}

interface Entry {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

export class FailureCounter {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly limit: FailureLimit,
    /** Most keys remembered; the stalest are forgotten first, bounding memory under a flood. */
    private readonly maxKeys = 100_000,
  ) {}

  isBlocked(key: string, now: number): boolean {
    return (this.#entries.get(key)?.blockedUntil ?? 0) > now;
  }

  /** Counts one failure; returns the instant the key became blocked, if this failure blocked it. */
  recordFailure(key: string, now: number): number | undefined {
    const previous = this.#entries.get(key);
    const fresh = !previous || now - previous.windowStart >= this.limit.windowMs;
    const entry: Entry = fresh
      ? { failures: 0, windowStart: now, blockedUntil: previous?.blockedUntil ?? 0 }
      : { ...previous };
    entry.failures += 1;
    let blockedUntil: number | undefined;
    if (entry.failures >= this.limit.maxFailures) {
      blockedUntil = now + this.limit.blockMs;
      entry.blockedUntil = blockedUntil;
      entry.failures = 0;
      entry.windowStart = now;
    }
    // Re-insert so the Map's order is least recently used first.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.maxKeys) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return blockedUntil;
  }

  clear(key: string): void {
    this.#entries.delete(key);
  }
}

export interface SignInThrottle {
  perAccountClient: FailureCounter;
  perClient: FailureCounter;
}
