// Claims due notices for one delivery run, safely across API processes. A short transaction
// locks due rows with FOR UPDATE SKIP LOCKED (a row another process is claiming is skipped,
// not waited for), counts the attempt and moves nextAttemptAt to the end of a lease, then
// commits. The HTTP call happens after the commit: holding a row lock, and on PGlite the
// only connection, across a 10-second request would stall every other writer.
//
// The lease is what keeps a claimed row from being claimed again while its delivery is in
// flight; if the process dies mid-delivery, the row becomes due again when the lease ends
// and another process retries it (at-least-once; the receiver dedupes on the idempotency
// key). Counting the attempt at claim time means a notice that crashes its worker still
// runs out of attempts instead of looping forever, and `attempts` doubles as the claim's
// version: the result of a delivery is written only if the row still carries it.
import type { PrismaClient } from '@lupa/db';

export interface ClaimedNotice {
  id: string;
  idempotencyKey: string;
  serviceId: string;
  payload: unknown;
  /** Attempts including this one. */
  attempts: number;
  service: { clientId: string; webhookUrl: string };
}

export async function claimDueNotices(input: {
  prisma: PrismaClient;
  now: Date;
  batchSize: number;
  leaseMs: number;
}): Promise<ClaimedNotice[]> {
  const { now } = input;
  return input.prisma.$transaction(async (tx) => {
    // Rows of a service without a webhook URL are never claimed: they stay PENDING for
    // officers to chase. An acknowledged notice needs no push: the recipient already has it.
    const due = await tx.$queryRawUnsafe<{ id: string; clientId: string; webhookUrl: string }[]>(
      `SELECT o.id, s."clientId", s."webhookUrl"
         FROM "WebhookOutbox" o
         JOIN "Service" s ON s.id = o."serviceId"
        WHERE o.status = 'PENDING'
          AND o."nextAttemptAt" <= $1
          AND o."acknowledgedAt" IS NULL
          AND s."webhookUrl" IS NOT NULL
        ORDER BY o."nextAttemptAt", o.id
        LIMIT $2
        FOR UPDATE OF o SKIP LOCKED`,
      now,
      input.batchSize,
    );
    if (due.length === 0) return [];
    // The service's URL and client id are taken from the same statement that took the lock,
    // so the claim and the address it is delivered to agree.
    const target = new Map(due.map(({ id, clientId, webhookUrl }) => [id, { clientId, webhookUrl }]));
    const claimed = await tx.webhookOutbox.updateManyAndReturn({
      where: { id: { in: [...target.keys()] } },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + input.leaseMs) },
      select: { id: true, idempotencyKey: true, serviceId: true, payload: true, attempts: true },
    });
    return claimed.flatMap((row) => {
      const service = target.get(row.id);
      return service ? [{ ...row, service }] : [];
    });
  });
}
