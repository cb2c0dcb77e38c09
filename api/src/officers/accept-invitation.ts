// An invited officer sets their own password with the one-time link. The conditional
// update makes single use hold under concurrent clicks. An unknown, used or expired token
// gets one answer, so the endpoint says nothing about which tokens exist.

import type { PrismaClient } from '@lupa/db';
import { auditEvent, auditedTransaction } from '../audit/audited-transaction.js';
import { hashToken, isOpaqueToken } from '../auth/index.js';
import { ConflictError } from '../core/errors.js';

export interface AcceptInvitationOptions {
  prisma: PrismaClient;
  requestId: string;
  now: Date;
  token: string;
  /** Hashed by the caller before the transaction: argon2 is slow and holds no lock. */
  passwordHash: string;
}

export async function acceptOfficerInvitation(options: AcceptInvitationOptions): Promise<{ officerId: string }> {
  const invalid = () =>
    new ConflictError('The invitation link is not valid any more. Ask for a new one.', 'INVALID_INVITATION');
  if (!isOpaqueToken(options.token)) throw invalid();
  const tokenHash = hashToken(options.token);
  return auditedTransaction(options.prisma, async (tx) => {
    const claimed = await tx.officerInvitation.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: options.now }, officer: { disabledAt: null } },
      data: { usedAt: options.now },
    });
    if (claimed.count !== 1) throw invalid();
    const invitation = await tx.officerInvitation.findUniqueOrThrow({ where: { tokenHash } });
    await tx.officer.update({
      where: { id: invitation.officerId },
      data: { passwordHash: options.passwordHash },
    });
    const actor = { kind: 'OFFICER' as const, id: invitation.officerId };
    return {
      result: { officerId: invitation.officerId },
      audit: [
        auditEvent(
          { actor, requestId: options.requestId, now: options.now },
          { kind: 'officer.invitation.accept', payload: { officerId: invitation.officerId } },
        ),
      ],
    };
  });
}
