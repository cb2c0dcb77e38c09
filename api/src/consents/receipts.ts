// Signs the receipt of a consent event before the event is written: consent events are
// append-only at the database, so the receipt has to travel inside the INSERT.
import { createHash } from 'node:crypto';
import type { Prisma } from '@lupa/db';
import { type HubContext, signConsentReceipt } from '../auth/index.js';
import { buildConsentRecord } from './consent-record.js';

type Tx = Prisma.TransactionClient;

export interface ReceiptFacts {
  eventId: string;
  consentId: string;
  residentId: string;
  purposeVersionId: string;
  event: 'GRANTED' | 'CONFIRMED' | 'WITHDRAWN' | 'EXPIRED';
  channel: 'RESIDENT_PAGE' | 'SERVICE' | 'OFFICER';
  actorKind: 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';
  actorId: string | null;
  occurredAt: Date;
  expiresAt: Date | null;
  wordingShown: string;
  pendingConfirmation: boolean;
  language: 'FI' | 'SV' | 'EN';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function signReceipt(tx: Tx, hub: HubContext, facts: ReceiptFacts, now: Date): Promise<string> {
  const version = await tx.purposeVersion.findUniqueOrThrow({
    where: { id: facts.purposeVersionId },
    include: {
      purpose: { include: { controller: true } },
      categories: { include: { category: true } },
      recipients: { include: { organisation: true } },
    },
  });
  const lang = facts.language === 'SV' ? 'Sv' : facts.language === 'EN' ? 'En' : 'Fi';
  const wordingSha256 = sha256Hex(facts.wordingShown);
  const consentRecord = buildConsentRecord({
    recordId: facts.consentId,
    residentId: facts.residentId,
    event: facts.event,
    pendingConfirmation: facts.pendingConfirmation,
    occurredAt: facts.occurredAt,
    expiresAt: facts.expiresAt,
    channel: facts.channel,
    actorKind: facts.actorKind,
    wordingSha256,
    language: facts.language.toLowerCase(),
    purpose: {
      slug: version.purpose.slug,
      version: version.version,
      title: version[`title${lang}`],
      legalBasis: version.legalBasis,
      retentionDays: version.retentionDays,
      categories: version.categories.map((c) => c.category.slug).sort(),
      controller: {
        name: version.purpose.controller[`name${lang}`],
        businessId: version.purpose.controller.businessId,
      },
      recipients: version.recipients.map((r) => ({
        name: r.organisation[`name${lang}`],
        businessId: r.organisation.businessId,
      })),
    },
  });
  return signConsentReceipt(
    hub,
    {
      consentEventId: facts.eventId,
      consentId: facts.consentId,
      residentId: facts.residentId,
      purposeId: version.purposeId,
      purposeVersionId: version.id,
      event: facts.event,
      channel: facts.channel,
      actorKind: facts.actorKind,
      actorId: facts.actorId,
      occurredAt: facts.occurredAt,
      consentExpiresAt: facts.expiresAt,
      wordingSha256,
      consentRecord,
    },
    { now },
  );
}

/** Signs the event's receipt and appends the event with it, in the caller's transaction. */
export async function appendConsentEvent(tx: Tx, hub: HubContext, facts: ReceiptFacts, now: Date): Promise<string> {
  const receipt = await signReceipt(tx, hub, facts, now);
  await tx.consentEvent.create({
    data: {
      id: facts.eventId,
      consentId: facts.consentId,
      residentId: facts.residentId,
      type: facts.event,
      occurredAt: facts.occurredAt,
      channel: facts.channel,
      actorKind: facts.actorKind,
      actorId: facts.actorId,
      receiptJws: receipt,
    },
  });
  return receipt;
}
