// The transactional outbox: notices to every service of every recipient organisation of a
// consent's purpose version, written in the caller's transaction so a committed withdrawal
// or expiry always has its notices. One per (kind, consent, service): re-running never
// duplicates them.
import type { Prisma } from '@lupa/db';

export interface NoticeSubject {
  consentId: string;
  residentId: string;
  purposeVersionId: string;
}

export async function enqueueRecipientNotices(
  tx: Prisma.TransactionClient,
  kind: 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED',
  subjects: NoticeSubject[],
  now: Date,
): Promise<number> {
  let count = 0;
  for (const subject of subjects) {
    const version = await tx.purposeVersion.findUniqueOrThrow({
      where: { id: subject.purposeVersionId },
      select: { version: true, purpose: { select: { slug: true } }, recipients: { select: { organisationId: true } } },
    });
    const services = await tx.service.findMany({
      where: { organisationId: { in: version.recipients.map((r) => r.organisationId) } },
      select: { id: true },
    });
    if (services.length === 0) continue;
    const type = kind === 'CONSENT_WITHDRAWN' ? 'consent.withdrawn' : 'consent.expired';
    const result = await tx.webhookOutbox.createMany({
      data: services.map((service) => ({
        idempotencyKey: `${type}:${subject.consentId}:${service.id}`,
        kind,
        serviceId: service.id,
        consentId: subject.consentId,
        payload: {
          type,
          consentId: subject.consentId,
          residentId: subject.residentId,
          purpose: version.purpose.slug,
          purposeVersion: version.version,
          occurredAt: now.toISOString(),
          // What the recipient must do: delete what it received under this consent.
          action: 'delete-data-received-under-this-consent',
        },
        nextAttemptAt: now,
      })),
      skipDuplicates: true,
    });
    count += result.count;
  }
  return count;
}
