// Disabling an officer ends every session at once; nobody disables their own account.
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { NotFoundError } from '../core/errors.js';
import { assertNotSelf } from './set-officer-roles.js';

export async function disableOfficer(options: WriteOptions & { officerId: string }): Promise<void> {
  assertNotSelf(options, options.officerId, 'disable');
  await auditedTransaction(options.prisma, async (tx) => {
    if (!(await tx.officer.findUnique({ where: { id: options.officerId } })))
      throw new NotFoundError('No such officer');
    await tx.officer.update({ where: { id: options.officerId }, data: { disabledAt: options.now } });
    await tx.officerSession.updateMany({
      where: { officerId: options.officerId, revokedAt: null },
      data: { revokedAt: options.now },
    });
    return {
      result: undefined,
      audit: [auditEvent(options, { kind: 'officer.disable', payload: { officerId: options.officerId } })],
    };
  });
}
