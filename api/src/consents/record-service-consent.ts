// A consent a service collected through its own channel (a paper form, its own web form).
// Lupa cannot verify such evidence itself, and GDPR Art. 7(1) puts the burden of proof on
// the controller, so the consent is recorded as given but pending: it opens no data until
// the resident confirms it on their own page (a CONFIRMED event). The service keeps its
// evidence on record here either way.

import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@lupa/db';
import { appendAuditInTransaction, auditEvent } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';

export interface RecordServiceConsentInput {
  prisma: PrismaClient;
  now: Date;
  serviceId: string;
  purposeVersionId: string;
  residentId: string;
  wordingShown: string;
  evidence: Prisma.InputJsonValue;
  organisationId: string;
  /** The request this record came with, for the audit record (a fresh id when none). */
  requestId?: string;
}

export async function recordServiceConsent(input: RecordServiceConsentInput): Promise<{ consentId: string }> {
  const { prisma, now } = input;
  const version = await prisma.purposeVersion.findUniqueOrThrow({ where: { id: input.purposeVersionId } });
  if (version.legalBasis !== 'CONSENT' || version.consentValidityDays === null) {
    throw new ConflictError(
      'This purpose does not rest on consent, so there is no consent to record',
      'NOT_CONSENT_BASED',
    );
  }
  if (!(await prisma.resident.findUnique({ where: { id: input.residentId }, select: { id: true } }))) {
    throw new NotFoundError('No such resident');
  }
  const expiresAt = new Date(now.getTime() + version.consentValidityDays * 86_400_000);
  const consent = await prisma.$transaction(async (tx) => {
    const created = await tx.consent.create({
      data: {
        residentId: input.residentId,
        purposeId: version.purposeId,
        purposeVersionId: version.id,
        channel: 'SERVICE',
        grantedAt: now,
        expiresAt,
        needsConfirmation: true,
        wordingShown: input.wordingShown,
        evidence: input.evidence,
        events: {
          create: {
            residentId: input.residentId,
            type: 'GRANTED',
            occurredAt: now,
            channel: 'SERVICE',
            actorKind: 'SERVICE',
            actorId: input.serviceId,
            evidence: input.evidence,
          },
        },
      },
    });
    await appendAuditInTransaction(tx, [
      auditEvent(
        {
          actor: { kind: 'SERVICE', id: input.serviceId, organisationId: input.organisationId },
          requestId: input.requestId ?? randomUUID(),
          now,
        },
        {
          kind: 'consent.record',
          residentId: input.residentId,
          purposeId: version.purposeId,
          purposeVersionId: version.id,
          fieldsReturned: ['write:consent'],
          payload: { consentId: created.id },
        },
      ),
    ]);
    return created;
  });
  return { consentId: consent.id };
}
