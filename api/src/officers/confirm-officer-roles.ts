// The second ADMIN's half of granting a role that can approve: someone other than the
// proposer, and other than the officer concerned, confirms the proposed roles.
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { assertNotSelf } from './set-officer-roles.js';

export async function confirmOfficerRoles(options: WriteOptions & { officerId: string }): Promise<void> {
  assertNotSelf(options, options.officerId, 'confirm roles for');
  await auditedTransaction(options.prisma, async (tx) => {
    const officer = await tx.officer.findUnique({ where: { id: options.officerId } });
    if (!officer) throw new NotFoundError('No such officer');
    if (officer.pendingRoles.length === 0 || !officer.pendingRolesById) {
      throw new ConflictError('No role change is waiting for confirmation', 'NOTHING_PENDING');
    }
    if (options.actor.kind === 'OFFICER' && options.actor.id === officer.pendingRolesById) {
      throw new ConflictError('A second administrator must confirm: you proposed this change', 'FOUR_EYES_REQUIRED');
    }
    const after = officer.pendingRoles;
    await tx.officer.update({
      where: { id: officer.id },
      data: { roles: after, pendingRoles: [], pendingRolesById: null },
    });
    await tx.officerSession.updateMany({
      where: { officerId: officer.id, revokedAt: null },
      data: { revokedAt: options.now },
    });
    return {
      result: undefined,
      audit: [
        auditEvent(options, {
          kind: 'officer.roles.confirm',
          payload: { officerId: officer.id, proposedBy: officer.pendingRolesById, before: officer.roles, after },
        }),
      ],
    };
  });
}
