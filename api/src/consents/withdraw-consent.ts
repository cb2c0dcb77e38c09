// Withdrawing consent (GDPR Art. 7(3)): one WITHDRAWN event on every grant still in force
// for the purpose, and in the same transaction a notice to every service of every recipient
// organisation (the transactional outbox), so a committed withdrawal always reaches them.
// The commit is synchronous: once this returns, the next request is denied.

import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@lupa/db';
import { appendAuditInTransaction, auditEvent } from '../audit/audited-transaction.js';
import type { HubContext } from '../auth/index.js';
import { NotFoundError } from '../core/errors.js';
import { enqueueRecipientNotices } from './notices.js';
import { appendConsentEvent } from './receipts.js';

export interface WithdrawConsentInput {
  prisma: PrismaClient;
  hub: HubContext;
  language: 'FI' | 'SV' | 'EN';
  now: Date;
  residentId: string;
  purposeId: string;
  actor: { kind: 'RESIDENT' | 'OFFICER' | 'SERVICE'; id: string };
  channel: 'RESIDENT_PAGE' | 'SERVICE' | 'OFFICER';
  /** The request this withdrawal came with, for the audit record (a fresh id when none). */
  requestId?: string;
  /** A service withdrawing on the resident's behalf: its organisation, for the audit record. */
  organisationId?: string;
}

export interface WithdrawnConsent {
  consentIds: string[];
  noticeCount: number;
  /** One signed receipt per withdrawn grant. */
  receipts: string[];
}

export async function withdrawConsent(input: WithdrawConsentInput): Promise<WithdrawnConsent> {
  const { prisma, now } = input;
  return prisma.$transaction(async (tx) => {
    const active = await tx.consent.findMany({
      where: {
        residentId: input.residentId,
        purposeId: input.purposeId,
        grantedAt: { lte: now },
        events: { none: { type: { in: ['WITHDRAWN', 'EXPIRED'] } } },
      },
    });
    if (active.length === 0) throw new NotFoundError('There is no consent in force to withdraw');
    const receipts: string[] = [];
    for (const consent of active) {
      receipts.push(
        await appendConsentEvent(
          tx,
          input.hub,
          {
            eventId: randomUUID(),
            consentId: consent.id,
            residentId: input.residentId,
            purposeVersionId: consent.purposeVersionId,
            event: 'WITHDRAWN',
            channel: input.channel,
            actorKind: input.actor.kind,
            actorId: input.actor.id,
            occurredAt: now,
            expiresAt: consent.expiresAt,
            wordingShown: consent.wordingShown,
            pendingConfirmation: false,
            language: input.language,
          },
          now,
        ),
      );
    }
    const noticeCount = await enqueueRecipientNotices(
      tx,
      'CONSENT_WITHDRAWN',
      active.map((c) => ({ consentId: c.id, residentId: input.residentId, purposeVersionId: c.purposeVersionId })),
      now,
    );
    const consentIds = active.map((c) => c.id);
    const actor =
      input.actor.kind === 'SERVICE'
        ? { kind: 'SERVICE' as const, id: input.actor.id, organisationId: input.organisationId ?? '' }
        : { kind: input.actor.kind, id: input.actor.id };
    await appendAuditInTransaction(tx, [
      auditEvent(
        { actor, requestId: input.requestId ?? randomUUID(), now },
        {
          kind: 'consent.withdraw',
          organisationId: input.organisationId ?? null,
          residentId: input.residentId,
          purposeId: input.purposeId,
          fieldsReturned: ['write:consent'],
          payload: { consentIds, noticeCount },
        },
      ),
    ]);
    return { consentIds, noticeCount, receipts };
  });
}
