// What services and officers do to notices: a recipient service acknowledges that it
// deleted what it held; an officer sends a dead-lettered notice again.
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';

/** Scoped to the calling service: another service's notice is answered as a missing one. */
export async function acknowledgeNotice(
  options: WriteOptions & { noticeId: string; serviceId: string },
): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const where = { id: options.noticeId, serviceId: options.serviceId };
    if ((await tx.webhookOutbox.count({ where })) === 0) throw new NotFoundError('No such notice');
    // Set once: the first acknowledgement's time is the one on record.
    await tx.webhookOutbox.updateMany({
      where: { ...where, acknowledgedAt: null },
      data: { acknowledgedAt: options.now },
    });
    return {
      result: undefined,
      audit: [auditEvent(options, { kind: 'notice.acknowledge', payload: { noticeId: options.noticeId } })],
    };
  });
}

export async function retryNotice(options: WriteOptions & { noticeId: string }): Promise<void> {
  await auditedTransaction(options.prisma, async (tx) => {
    const id = options.noticeId;
    if ((await tx.webhookOutbox.count({ where: { id } })) === 0) throw new NotFoundError('No such notice');
    // Conditional on DEAD in the update itself, so two officers retrying at once, or a
    // retry racing a delivery, revive the notice once.
    const revived = await tx.webhookOutbox.updateMany({
      where: { id, status: 'DEAD' },
      data: { status: 'PENDING', nextAttemptAt: options.now, attempts: 0 },
    });
    if (revived.count === 0) throw new ConflictError('Only a dead-lettered notice can be retried', 'NOT_DEAD');
    return { result: undefined, audit: [auditEvent(options, { kind: 'notice.retry', payload: { noticeId: id } })] };
  });
}
