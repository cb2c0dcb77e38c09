// A resident confirms, on their own page, a consent a service recorded for them. Only then
// does that consent open any data (see record-service-consent.ts).
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@lupa/db';
import { appendAuditInTransaction, auditEvent } from '../audit/audited-transaction.js';
import type { HubContext } from '../auth/index.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { appendConsentEvent } from './receipts.js';

export async function confirmConsent(input: {
  prisma: PrismaClient;
  hub: HubContext;
  now: Date;
  residentId: string;
  consentId: string;
  language: 'FI' | 'SV' | 'EN';
  /** The request this confirmation came with, for the audit record (a fresh id when none). */
  requestId?: string;
}): Promise<{ receipt: string }> {
  const { prisma, now } = input;
  return prisma.$transaction(async (tx) => {
    const consent = await tx.consent.findFirst({
      where: { id: input.consentId, residentId: input.residentId },
      include: { events: true },
    });
    if (!consent) throw new NotFoundError('No such consent');
    if (!consent.needsConfirmation || consent.events.some((e) => e.type !== 'GRANTED')) {
      throw new ConflictError('This consent is not waiting for your confirmation', 'NOT_PENDING');
    }
    const eventId = randomUUID();
    const receipt = await appendConsentEvent(
      tx,
      input.hub,
      {
        eventId,
        consentId: consent.id,
        residentId: input.residentId,
        purposeVersionId: consent.purposeVersionId,
        event: 'CONFIRMED',
        channel: 'RESIDENT_PAGE',
        actorKind: 'RESIDENT',
        actorId: input.residentId,
        occurredAt: now,
        expiresAt: consent.expiresAt,
        wordingShown: consent.wordingShown,
        pendingConfirmation: false,
        language: input.language,
      },
      now,
    );
    await appendAuditInTransaction(tx, [
      auditEvent(
        { actor: { kind: 'RESIDENT', id: input.residentId }, requestId: input.requestId ?? randomUUID(), now },
        {
          kind: 'consent.confirm',
          residentId: input.residentId,
          purposeId: consent.purposeId,
          purposeVersionId: consent.purposeVersionId,
          fieldsReturned: ['write:consent'],
          payload: { consentId: consent.id, eventId },
        },
      ),
    ]);
    return { receipt };
  });
}
