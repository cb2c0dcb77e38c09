// One-time sign-in links by e-mail (SECURITY.md "Resident page"). The token is 256 random
// bits, only its hash is stored, it works once and for at most 15 minutes, and the link is
// built from the configured public URL — never from the Host header, which an attacker
// could set to have a victim's link point at their own server.
//
// No user enumeration: whether or not the address belongs to anyone, the caller does the
// same lookup and the same MagicLink insert (with no resident for an unknown address),
// and the handler pads every answer to a constant minimum time.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@lupa/db';
import { createOpaqueToken, hashToken, isOpaqueToken, MAGIC_LINK_LIFETIME_SECONDS } from '../auth/index.js';
import type { Logger } from '../log/index.js';
import type { Lang } from './i18n/index.js';

/** Every answer to the request form takes at least this long (ms), hiding whether mail was sent. */
export const MAGIC_LINK_MIN_RESPONSE_MS = 400;

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isPlausibleEmail(input: string): boolean {
  return input.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input);
}

/** The address as it is stored in MagicLink and used as a rate-limit key: hashed, not readable. */
export function emailHash(email: string): string {
  return createHash('sha256').update(`lupa-magic-link:${email}`, 'utf8').digest('hex');
}

const SUBJECT: Record<Lang, string> = {
  fi: 'Kirjautumislinkkisi Lupaan',
  sv: 'Din inloggningslänk till Lupa',
  en: 'Your sign-in link to Lupa',
};

const BODY: Record<Lang, (link: string) => string> = {
  fi: (link) =>
    `Hei,\n\nkirjaudu Lupaan tällä linkillä. Linkki on voimassa 15 minuuttia ja toimii vain kerran:\n\n${link}\n\nJos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta.`,
  sv: (link) =>
    `Hej,\n\nlogga in i Lupa med den här länken. Länken gäller i 15 minuter och fungerar bara en gång:\n\n${link}\n\nOm du inte bad om länken kan du lämna det här meddelandet utan åtgärd.`,
  en: (link) =>
    `Hello,\n\nsign in to Lupa with this link. The link is valid for 15 minutes and works only once:\n\n${link}\n\nIf you did not ask for the link, you can ignore this message.`,
};

export async function requestMagicLink(input: {
  prisma: PrismaClient;
  email: string;
  now: Date;
  publicUrl: string;
  lang: Lang;
  log: Logger;
  /** Development prints the link so a person can sign in without a mail server. */
  logLink: boolean;
}): Promise<void> {
  const { prisma, email, now } = input;
  const resident = await prisma.resident.findFirst({ where: { email }, select: { id: true } });
  const token = createOpaqueToken();
  const link = `${input.publicUrl}/auth/magic?token=${token}`;
  await prisma.$transaction(async (tx) => {
    await tx.magicLink.create({
      data: {
        tokenHash: hashToken(token),
        residentId: resident?.id ?? null,
        emailHash: emailHash(email),
        expiresAt: new Date(now.getTime() + MAGIC_LINK_LIFETIME_SECONDS * 1000),
        createdAt: now,
      },
    });
    if (resident) {
      await tx.mailOutbox.create({
        data: { recipient: email, subject: SUBJECT[input.lang], body: BODY[input.lang](link), createdAt: now },
      });
    }
  });
  if (resident && input.logLink) {
    // Development only: the mail outbox has no sender there. Never in production logs.
    input.log.info(`Magic sign-in link (development only): ${link}`);
  }
}

/**
 * Marks the link used and returns its resident, or null when it is unknown, used, expired or
 * belongs to nobody. The conditional update makes single use hold under concurrent clicks:
 * only one caller can flip usedAt from null.
 */
/** Whether the link would sign someone in now, without using it up. */
export async function isUsableMagicLink(prisma: PrismaClient, token: string | null, now: Date): Promise<boolean> {
  if (!isOpaqueToken(token)) return false;
  const usable = await prisma.magicLink.count({
    where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now }, residentId: { not: null } },
  });
  return usable === 1;
}

export async function consumeMagicLink(prisma: PrismaClient, token: string | null, now: Date): Promise<string | null> {
  if (!isOpaqueToken(token)) return null;
  const tokenHash = hashToken(token);
  const claimed = await prisma.magicLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, residentId: { not: null } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const link = await prisma.magicLink.findUnique({ where: { tokenHash }, select: { residentId: true } });
  return link?.residentId ?? null;
}
