// Resident sessions: an opaque token in the `lupa_session` cookie, only its hash in
// ResidentSession. A fixed lifetime (no sliding renewal) bounds what a stolen cookie is
// worth; sign-out revokes the row, so the cookie is dead even if a copy survives.
import type { PrismaClient } from '@lupa/db';
import { createOpaqueToken, hashToken, isOpaqueToken } from '../auth/index.js';
import { SESSION_COOKIE, serializeCookie } from './cookies.js';

export const RESIDENT_SESSION_SECONDS = 4 * 60 * 60;

export interface ResidentSessionInfo {
  sessionId: string;
  residentId: string;
  /** The cookie's token: the key that binds this session's CSRF tokens. */
  token: string;
  firstName: string;
  language: 'FI' | 'SV' | 'EN';
}

export async function startResidentSession(
  prisma: PrismaClient,
  residentId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = createOpaqueToken();
  const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_SECONDS * 1000);
  await prisma.residentSession.create({ data: { tokenHash: hashToken(token), residentId, expiresAt } });
  return { token, expiresAt };
}

export async function findResidentSession(
  prisma: PrismaClient,
  token: string | undefined,
  now: Date,
): Promise<ResidentSessionInfo | null> {
  // Anything that is not shaped like our token never reaches a hash or a query.
  if (!isOpaqueToken(token)) return null;
  const session = await prisma.residentSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { resident: { select: { firstName: true, language: true } } },
  });
  if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
  return {
    sessionId: session.id,
    residentId: session.residentId,
    token,
    firstName: session.resident.firstName,
    language: session.resident.language,
  };
}

export async function revokeResidentSession(prisma: PrismaClient, sessionId: string, now: Date): Promise<void> {
  await prisma.residentSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

export function sessionCookie(token: string, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, token, { secure, maxAgeSeconds: RESIDENT_SESSION_SECONDS });
}

export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 });
}
