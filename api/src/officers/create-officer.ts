// Creating an officer account. An administrator never chooses the password: the account
// gets a one-time invitation (invitation.ts) and the officer sets their own. Roles that can
// approve or manage officers are only proposed here and wait for a second ADMIN (confirm-officer-roles.ts), so
// one administrator cannot make an approver of an address they control. The command-line
// bootstrap (`pnpm officer:create`, the SYSTEM actor: whoever runs it holds the database)
// is the one way in with a password and roles at once.
import { type AuditActor, auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import type { OfficerRole } from '../auth/index.js';
import { ConflictError, NotFoundError } from '../core/errors.js';
import { issueInvitation } from './invitation.js';
import { addedApprovingRoles, uniqueRoles } from './roles.js';

export interface CreateOfficerOptions extends WriteOptions {
  email: string;
  name: string;
  roles: OfficerRole[];
  organisationId: string | null;
  /** Where the invitation link points. */
  publicUrl: string;
  /** SYSTEM actor only: the bootstrap sets a password instead of inviting. */
  passwordHash?: string;
  /** Told the invitation link (development prints it; nothing else may see it). */
  onInvitationLink?: (link: string) => void;
}

export interface CreatedOfficer {
  officerId: string;
  roles: OfficerRole[];
  pendingRoles: OfficerRole[];
}

function actorOfficerId(actor: AuditActor): string | null {
  return actor.kind === 'OFFICER' ? actor.id : null;
}

export async function createOfficer(options: CreateOfficerOptions): Promise<CreatedOfficer> {
  const { actor, now } = options;
  const bootstrap = actor.kind === 'SYSTEM';
  if (options.passwordHash !== undefined && !bootstrap) {
    throw new Error('Only the command-line bootstrap may set an officer password');
  }
  const requested = uniqueRoles(options.roles);
  const pendingRoles = bootstrap ? [] : addedApprovingRoles([], requested);
  const roles = requested.filter((r) => !pendingRoles.includes(r));
  let link: string | undefined;
  const created = await auditedTransaction(options.prisma, async (tx) => {
    if (await tx.officer.findUnique({ where: { email: options.email } })) {
      throw new ConflictError('An officer with that e-mail exists', 'DUPLICATE');
    }
    if (options.organisationId && !(await tx.organisation.findUnique({ where: { id: options.organisationId } }))) {
      throw new NotFoundError('No such organisation');
    }
    const officer = await tx.officer.create({
      data: {
        email: options.email,
        name: options.name,
        roles,
        pendingRoles,
        pendingRolesById: pendingRoles.length > 0 ? actorOfficerId(actor) : null,
        organisationId: options.organisationId,
        passwordHash: options.passwordHash ?? null,
      },
    });
    const audit = [
      auditEvent(options, {
        kind: 'officer.create',
        payload: { officerId: officer.id, email: officer.email, roles, pendingRoles },
      }),
    ];
    if (options.passwordHash === undefined) {
      const invitation = await issueInvitation(tx, {
        officerId: officer.id,
        createdById: actorOfficerId(actor),
        email: officer.email,
        name: officer.name,
        publicUrl: options.publicUrl,
        now,
      });
      link = invitation.link;
      audit.push(
        auditEvent(options, {
          kind: 'officer.invite',
          payload: { officerId: officer.id, expiresAt: invitation.expiresAt.toISOString() },
        }),
      );
    }
    return { result: { officerId: officer.id, roles, pendingRoles }, audit };
  });
  if (link) options.onInvitationLink?.(link);
  return created;
}
