// One-time invitation links: a new officer sets their own password, so no administrator
// ever knows it. The token is 256 random bits, only its hash is stored, it works once and
// for INVITATION_DAYS. The link goes to the officer's address through the mail outbox —
// never back to the administrator who created the account — and development prints it.

import type { AuditTx } from '../audit/audited-transaction.js';
import { createOpaqueToken, hashToken } from '../auth/index.js';

export const INVITATION_DAYS = 3;

export interface InvitationMail {
  email: string;
  name: string;
  publicUrl: string;
}

const SUBJECT = 'Lupa: kutsu ylläpitoon / inbjudan till administrationen / invitation to the admin';

function body(name: string, link: string): string {
  return [
    `Hei ${name},`,
    '',
    `sinulle on luotu tunnus Lupan ylläpitoon. Aseta oma salasanasi tällä linkillä (voimassa ${INVITATION_DAYS} päivää, toimii kerran):`,
    `Ett konto i Lupas administration har skapats åt dig. Välj ditt eget lösenord med länken (gäller i ${INVITATION_DAYS} dagar, fungerar en gång):`,
    `An account in Lupa's administration has been created for you. Set your own password with this link (valid ${INVITATION_DAYS} days, works once):`,
    '',
    link,
  ].join('\n');
}

/** Stores a fresh invitation and queues its mail in `tx`; returns the link (for development logs only). */
export async function issueInvitation(
  tx: AuditTx,
  input: InvitationMail & { officerId: string; createdById: string | null; now: Date },
): Promise<{ link: string; expiresAt: Date }> {
  const token = createOpaqueToken();
  const expiresAt = new Date(input.now.getTime() + INVITATION_DAYS * 86_400_000);
  await tx.officerInvitation.create({
    data: {
      officerId: input.officerId,
      tokenHash: hashToken(token),
      expiresAt,
      createdById: input.createdById,
      createdAt: input.now,
    },
  });
  const link = `${input.publicUrl}/admin/#/invitation/${token}`;
  await tx.mailOutbox.create({
    data: { recipient: input.email, subject: SUBJECT, body: body(input.name, link), createdAt: input.now },
  });
  return { link, expiresAt };
}
