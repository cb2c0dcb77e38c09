// Failed sign-ins counted per (account, client) and per client, in the database.
//
// Why not one counter per account: then anyone who knows an officer's e-mail could lock that
// officer out with five requests. Counting per (account, client) locks only the client that
// guessed wrong — the officer still signs in from their own machine — and the per-client count
// throttles a client that walks through many accounts. The account key is the typed e-mail,
// not the officer id, so an unknown address is counted and locked exactly like a known one
// and the lock itself cannot reveal which addresses have accounts.
//
// Why the database: every API process behind a load balancer shares the counts, so N
// processes do not give an attacker N times the attempts, and a restart forgets nothing.
//
// Why the block is decided under a row lock: a burst of attempts sent at once would otherwise
// all pass the block check before any of them was counted. A sign-in verifies the password
// (every attempt does, for equal timing), then locks the client's row and the pair's
// (creating either) in one transaction, checks the block under the lock, and only then acts
// on the password: counts the failure with its audit record, or clears the pair on success.
// So attempts from one client are decided one at a time, and no more than the limit ever
// have their password's answer acted on or told. Every transaction locks the client's row
// before the pair's, so two sign-ins never wait on each other in a cycle.
//
// Keys are HMAC-SHA256 under a key the database does not hold (derived from the
// data-protection key, session.ts): the table never holds a typed e-mail (which may be a
// mistyped address of someone who is not an officer) or a client address in the clear, and
// whoever copies the database cannot confirm a guessed e-mail and address against it, nor
// walk the IPv4 space to find the clients. IPv6 clients are counted on their /64
// (config/client-bucket.ts), since one subscriber can rotate through all of it. Ended windows and blocks are pruned by a
// background sweep (sign-in-throttle-sweep.ts) that skips rows a sign-in has locked, never
// in a sign-in's own transaction, where deleting other clients' rows made transactions
// deadlock on each other.
import { createHmac } from 'node:crypto';
import type { Prisma, PrismaClient } from '@lupa/db';
import { clientBucketOf } from '../config/client-bucket.js';

export interface FailureLimit {
  /** Failures within `windowMs` that block the key. */
  maxFailures: number;
  windowMs: number;
  /** How long a blocked key stays blocked. */
  blockMs: number;
}

export interface SignInThrottleKeys {
  pair: string;
  client: string;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** A key's row as locked for the rest of the sign-in's transaction. */
export interface ThrottleRow {
  key: string;
  windowStart: Date;
  failures: number;
  blockedUntil: Date | null;
}

export interface LockedThrottle {
  client: ThrottleRow;
  pair: ThrottleRow;
}

export class SignInThrottle {
  constructor(
    readonly limits: { perAccountClient: FailureLimit; perClient: FailureLimit },
    /** The HMAC key for the row keys; never stored in the database. */
    private readonly keyingSecret: Buffer,
  ) {
    if (keyingSecret.length < 32) throw new Error('the sign-in throttle needs a secret of at least 32 bytes');
  }

  keysOf(email: string, clientAddress: string): SignInThrottleKeys {
    const client = clientBucketOf(clientAddress);
    return { pair: this.digest(`pair\n${email}\n${client}`), client: this.digest(`client\n${client}`) };
  }

  private digest(value: string): string {
    return createHmac('sha256', this.keyingSecret).update(value).digest('base64url');
  }

  /** Locks (creating if need be) the client's row, then the pair's, until `tx` ends. */
  async lock(tx: Prisma.TransactionClient, keys: SignInThrottleKeys, now: Date): Promise<LockedThrottle> {
    const client = await lockRow(tx, keys.client, now);
    const pair = await lockRow(tx, keys.pair, now);
    return { client, pair };
  }

  /** Whether the pair or the client is blocked at `now`. */
  isBlocked(locked: LockedThrottle, now: Date): boolean {
    return [locked.client, locked.pair].some((row) => row.blockedUntil !== null && row.blockedUntil > now);
  }

  /** Counts one failure for both locked rows; returns the end of the pair's block if this failure started one. */
  async recordFailure(tx: Prisma.TransactionClient, locked: LockedThrottle, now: Date): Promise<Date | undefined> {
    await countFailure(tx, locked.client, this.limits.perClient, now);
    return countFailure(tx, locked.pair, this.limits.perAccountClient, now);
  }

  /** A successful sign-in forgets the pair's failures (the client's count stays). */
  async clear(tx: Prisma.TransactionClient, keys: SignInThrottleKeys): Promise<void> {
    await tx.signInFailureWindow.deleteMany({ where: { key: keys.pair } });
  }

  /**
   * Deletes up to `batchSize` rows whose window and block have both ended; returns how many.
   * Rows a sign-in holds are skipped (SKIP LOCKED), so the prune never waits on a sign-in and
   * a sign-in waits on it for one statement at most.
   */
  async pruneEnded(db: Db, now: Date, batchSize: number): Promise<number> {
    const longest = Math.max(
      ...[this.limits.perClient, this.limits.perAccountClient].map((l) => Math.max(l.windowMs, l.blockMs)),
    );
    return db.$executeRaw`
      DELETE FROM "SignInFailureWindow" WHERE "key" IN (
        SELECT "key" FROM "SignInFailureWindow"
        WHERE "windowStart" <= ${new Date(now.getTime() - longest)}::timestamptz
          AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${now}::timestamptz)
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )`;
  }
}

// ON CONFLICT DO UPDATE locks an existing row, and a new row is locked by its insert: either
// way the row is ours until the commit. (A row the prune is deleting is waited for and then
// inserted afresh.)
async function lockRow(tx: Prisma.TransactionClient, key: string, now: Date): Promise<ThrottleRow> {
  const [row] = await tx.$queryRaw<ThrottleRow[]>`
    INSERT INTO "SignInFailureWindow" AS w ("key", "windowStart", "failures", "blockedUntil")
    VALUES (${key}, ${now}::timestamptz, 0, NULL)
    ON CONFLICT ("key") DO UPDATE SET "key" = w."key"
    RETURNING "key", "windowStart", "failures", "blockedUntil"`;
  if (!row) throw new Error('the sign-in throttle row was neither inserted nor locked');
  return {
    key: row.key,
    windowStart: new Date(row.windowStart),
    failures: Number(row.failures),
    blockedUntil: row.blockedUntil === null ? null : new Date(row.blockedUntil),
  };
}

// A window older than windowMs starts afresh; a block outlives its window and is kept.
// Reaching maxFailures blocks the key and starts a new window.
async function countFailure(
  tx: Prisma.TransactionClient,
  row: ThrottleRow,
  limit: FailureLimit,
  now: Date,
): Promise<Date | undefined> {
  const windowEnded = row.windowStart.getTime() <= now.getTime() - limit.windowMs;
  const failures = (windowEnded ? 0 : row.failures) + 1;
  if (failures < limit.maxFailures) {
    await tx.signInFailureWindow.update({
      where: { key: row.key },
      data: { failures, windowStart: windowEnded ? now : row.windowStart },
    });
    return undefined;
  }
  const blockedUntil = new Date(now.getTime() + limit.blockMs);
  await tx.signInFailureWindow.update({
    where: { key: row.key },
    data: { blockedUntil, failures: 0, windowStart: now },
  });
  return blockedUntil;
}
