// The expiry sweep: a consent past its validity gets an EXPIRED event and its recipients a
// notice, in one transaction per batch. The privacy engine already denies an expired
// consent by its date, so a late sweep never leaks data; the sweep makes the expiry part
// of the record and tells the recipients. Row locks with SKIP LOCKED let several API
// processes sweep at once without appending an expiry twice.

import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@lupa/db';
import { appendAuditInTransaction, auditEvent } from '../audit/audited-transaction.js';
import { enqueueRecipientNotices } from './notices.js';

export async function expireConsents(input: {
  prisma: PrismaClient;
  now: Date;
  batchSize?: number;
}): Promise<{ expired: number; notices: number }> {
  const { prisma, now } = input;
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRawUnsafe<
      { id: string; residentId: string; purposeVersionId: string; channel: string }[]
    >(
      `SELECT c.id, c."residentId", c."purposeVersionId", c.channel::text AS channel
         FROM "Consent" c
        WHERE c."expiresAt" <= $1
          AND NOT EXISTS (SELECT 1 FROM "ConsentEvent" e WHERE e."consentId" = c.id AND e.type IN ('EXPIRED', 'WITHDRAWN'))
        ORDER BY c."expiresAt"
        LIMIT $2
        FOR UPDATE OF c SKIP LOCKED`,
      now,
      input.batchSize ?? 500,
    );
    if (due.length === 0) return { expired: 0, notices: 0 };
    await tx.consentEvent.createMany({
      data: due.map((c) => ({
        consentId: c.id,
        residentId: c.residentId,
        type: 'EXPIRED' as const,
        occurredAt: now,
        channel: c.channel as 'RESIDENT_PAGE' | 'SERVICE' | 'OFFICER',
        actorKind: 'SYSTEM' as const,
      })),
    });
    const notices = await enqueueRecipientNotices(
      tx,
      'CONSENT_EXPIRED',
      due.map((c) => ({ consentId: c.id, residentId: c.residentId, purposeVersionId: c.purposeVersionId })),
      now,
    );
    const facts = { actor: { kind: 'SYSTEM' as const, id: 'consent-expiry' }, requestId: randomUUID(), now };
    await appendAuditInTransaction(
      tx,
      due.map((c) =>
        auditEvent(facts, {
          kind: 'consent.expire',
          residentId: c.residentId,
          purposeVersionId: c.purposeVersionId,
          fieldsReturned: ['write:consent'],
          payload: { consentId: c.id },
        }),
      ),
    );
    return { expired: due.length, notices };
  });
}
