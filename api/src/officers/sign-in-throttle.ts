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
// processes do not give an attacker N times the attempts, and a restart forgets nothing. A
// failure is counted in the same transaction as its audit record (officer.sign_in_failed);
// the upsert locks the key's row, so concurrent failures from several processes count one
// by one. Keys are SHA-256 hashes: the table never holds a typed e-mail (which may be a
// mistyped address of someone who is not an officer) in the clear. A hash can still be
// confirmed by guessing the e-mail and the client address together, so a row is pruned once
// its window and block have passed (a bounded batch with each later failure).
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@lupa/db';

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

export class SignInThrottle {
  constructor(private readonly limits: { perAccountClient: FailureLimit; perClient: FailureLimit }) {}

  keysOf(email: string, client: string): SignInThrottleKeys {
    return { pair: digest(`pair\n${email}\n${client}`), client: digest(`client\n${client}`) };
  }

  /** Whether the pair or the client is blocked at `now`. */
  async isBlocked(db: Db, keys: SignInThrottleKeys, now: Date): Promise<boolean> {
    const blocked = await db.signInFailureWindow.findFirst({
      where: { key: { in: [keys.pair, keys.client] }, blockedUntil: { gt: now } },
      select: { key: true },
    });
    return blocked !== null;
  }

  /** Counts one failure for both keys; returns the end of the pair's block if this failure started one. */
  async recordFailure(tx: Prisma.TransactionClient, keys: SignInThrottleKeys, now: Date): Promise<Date | undefined> {
    await countFailure(tx, keys.client, this.limits.perClient, now);
    const pairBlockedUntil = await countFailure(tx, keys.pair, this.limits.perAccountClient, now);
    const longest = Math.max(
      ...[this.limits.perClient, this.limits.perAccountClient].map((l) => Math.max(l.windowMs, l.blockMs)),
    );
    // A bounded prune with every counted failure keeps the table small without a job of its own.
    await tx.$executeRaw`
      DELETE FROM "SignInFailureWindow" WHERE "key" IN (
        SELECT "key" FROM "SignInFailureWindow"
        WHERE "windowStart" <= ${new Date(now.getTime() - longest)}::timestamptz
          AND ("blockedUntil" IS NULL OR "blockedUntil" <= ${now}::timestamptz)
        LIMIT 100
      )`;
    return pairBlockedUntil;
  }

  /** A successful sign-in forgets the pair's failures (the client's count stays). */
  async clear(tx: Prisma.TransactionClient, keys: SignInThrottleKeys): Promise<void> {
    await tx.signInFailureWindow.deleteMany({ where: { key: keys.pair } });
  }
}

// A window older than windowMs starts afresh; a block outlives its window and is kept.
// Reaching maxFailures blocks the key and starts a new window, as one statement would if the
// count and the block were one: the row stays locked by the upsert until the commit.
async function countFailure(
  tx: Prisma.TransactionClient,
  key: string,
  limit: FailureLimit,
  now: Date,
): Promise<Date | undefined> {
  const staleBefore = new Date(now.getTime() - limit.windowMs);
  const [row] = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInFailureWindow" AS w ("key", "windowStart", "failures", "blockedUntil")
    VALUES (${key}, ${now}::timestamptz, 1, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "windowStart" = CASE WHEN w."windowStart" <= ${staleBefore}::timestamptz THEN ${now}::timestamptz ELSE w."windowStart" END,
      "failures" = CASE WHEN w."windowStart" <= ${staleBefore}::timestamptz THEN 1 ELSE w."failures" + 1 END
    RETURNING "failures"`;
  if (!row || row.failures < limit.maxFailures) return undefined;
  const blockedUntil = new Date(now.getTime() + limit.blockMs);
  await tx.signInFailureWindow.update({
    where: { key },
    data: { blockedUntil, failures: 0, windowStart: now },
  });
  return blockedUntil;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
