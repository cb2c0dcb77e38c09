// Changing an officer's roles. Nobody changes their own (an ADMIN giving itself OFFICER
// would gain resident lookup, audit reading and approval). Removing roles, or adding ones
// that can neither approve nor manage officers, applies at once; adding a role that can approve or manage officers is a proposal that a
// second ADMIN confirms (confirm-officer-roles.ts). Applied changes end the officer's
// sessions, so the next token carries the new roles.
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import type { OfficerRole } from '../auth/index.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { addedApprovingRoles, uniqueRoles } from './roles.js';

export interface SetOfficerRolesOptions extends WriteOptions {
  officerId: string;
  roles: OfficerRole[];
}

export interface OfficerRolesResult {
  officerId: string;
  /** True when the change waits for a second ADMIN. */
  pending: boolean;
}

export function assertNotSelf(options: WriteOptions, officerId: string, what: string): void {
  if (options.actor.kind === 'OFFICER' && options.actor.id === officerId) {
    throw new ConflictError(`You cannot ${what} your own account`, 'SELF');
  }
}

export async function setOfficerRoles(options: SetOfficerRolesOptions): Promise<OfficerRolesResult> {
  assertNotSelf(options, options.officerId, 'change the roles of');
  const next = uniqueRoles(options.roles);
  return auditedTransaction<OfficerRolesResult>(options.prisma, async (tx) => {
    const officer = await tx.officer.findUnique({ where: { id: options.officerId } });
    if (!officer) throw new NotFoundError('No such officer');
    const needsSecondAdmin = options.actor.kind !== 'SYSTEM' && addedApprovingRoles(officer.roles, next).length > 0;
    if (needsSecondAdmin) {
      await tx.officer.update({
        where: { id: officer.id },
        data: { pendingRoles: next, pendingRolesById: options.actor.id },
      });
      return {
        result: { officerId: officer.id, pending: true },
        audit: [
          auditEvent(options, {
            kind: 'officer.roles.propose',
            payload: { officerId: officer.id, current: officer.roles, proposed: next },
          }),
        ],
      };
    }
    await tx.officer.update({
      where: { id: officer.id },
      data: { roles: next, pendingRoles: [], pendingRolesById: null },
    });
    await tx.officerSession.updateMany({
      where: { officerId: officer.id, revokedAt: null },
      data: { revokedAt: options.now },
    });
    return {
      result: { officerId: officer.id, pending: false },
      audit: [
        auditEvent(options, {
          kind: 'officer.roles.set',
          payload: { officerId: officer.id, before: officer.roles, after: next },
        }),
      ],
    };
  });
}
