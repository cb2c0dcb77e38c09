// Granting consent: always to the version of the purpose in force, recording the channel,
// the actor and the exact wording shown (Art. 7(1): the controller must be able to show
// what was agreed to). A grant never edits an earlier one; it appends a new Consent and its
// GRANTED event, whose signed receipt goes back to the resident.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@lupa/db';
import { appendAuditInTransaction, auditEvent } from '../audit/audited-transaction.js';
import type { HubContext } from '../auth/index.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { appendConsentEvent } from './receipts.js';

export interface GrantConsentInput {
  prisma: PrismaClient;
  hub: HubContext;
  now: Date;
  residentId: string;
  purposeSlug: string;
  channel: 'RESIDENT_PAGE' | 'OFFICER';
  actor: { kind: 'RESIDENT' | 'OFFICER'; id: string };
  language: 'FI' | 'SV' | 'EN';
  evidence?: Prisma.InputJsonValue;
  /** The request this grant came with, for the audit record (a fresh id when none). */
  requestId?: string;
}

export interface GrantedConsent {
  consentId: string;
  eventId: string;
  receipt: string;
  expiresAt: Date;
}

export async function grantConsent(input: GrantConsentInput): Promise<GrantedConsent> {
  const { prisma, now } = input;
  const version = await prisma.purposeVersion.findFirst({
    where: { purpose: { slug: input.purposeSlug }, status: 'PUBLISHED' },
  });
  if (!version) throw new NotFoundError('No purpose with that name is in force');
  if (version.legalBasis !== 'CONSENT' || version.consentValidityDays === null) {
    throw new ConflictError('This purpose does not rest on consent', 'NOT_CONSENT_BASED');
  }
  const wordingShown =
    input.language === 'SV'
      ? version.descriptionSv
      : input.language === 'EN'
        ? version.descriptionEn
        : version.descriptionFi;
  const expiresAt = new Date(now.getTime() + version.consentValidityDays * 86_400_000);
  const consentId = randomUUID();
  const eventId = randomUUID();
  return prisma.$transaction(async (tx) => {
    await tx.consent.create({
      data: {
        id: consentId,
        residentId: input.residentId,
        purposeId: version.purposeId,
        purposeVersionId: version.id,
        channel: input.channel,
        grantedAt: now,
        expiresAt,
        wordingShown,
        evidence: input.evidence ?? { channel: input.channel, language: input.language },
      },
    });
    const receipt = await appendConsentEvent(
      tx,
      input.hub,
      {
        eventId,
        consentId,
        residentId: input.residentId,
        purposeVersionId: version.id,
        event: 'GRANTED',
        channel: input.channel,
        actorKind: input.actor.kind,
        actorId: input.actor.id,
        occurredAt: now,
        expiresAt,
        wordingShown,
        pendingConfirmation: false,
        language: input.language,
      },
      now,
    );
    await appendAuditInTransaction(tx, [
      auditEvent(
        { actor: input.actor, requestId: input.requestId ?? randomUUID(), now },
        {
          kind: 'consent.grant',
          residentId: input.residentId,
          purposeId: version.purposeId,
          purposeVersionId: version.id,
          fieldsReturned: ['write:consent'],
          payload: { consentId, eventId },
        },
      ),
    ]);
    return { consentId, eventId, receipt, expiresAt };
  });
}
