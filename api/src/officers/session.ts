// Officer sign-in: argon2id passwords, a short-lived access token plus a rotating refresh
// token, logout that revokes, and a lock after repeated failures. An unknown e-mail and a
// wrong password get the same answer after the same work, so the endpoint cannot be used
// to find out who has an account.
import type { PrismaClient } from '@lupa/db';
import {
  createOpaqueToken,
  type HubContext,
  hashToken,
  issueOfficerToken,
  OFFICER_TOKEN_DEFAULT_SECONDS,
  type OfficerRole,
  verifyPassword,
} from '../auth/index.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const REFRESH_TOKEN_DAYS = 1;

export type SignInFailure = 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'INVALID_REFRESH_TOKEN' | 'NO_ROLES_YET';

export class SignInError extends Error {
  constructor(readonly code: SignInFailure) {
    super(
      code === 'ACCOUNT_LOCKED'
        ? `Too many failed attempts. Try again in ${LOCK_MINUTES} minutes.`
        : code === 'INVALID_CREDENTIALS'
          ? 'The e-mail address or password is wrong.'
          : code === 'NO_ROLES_YET'
            ? 'Your account has no roles yet: a second administrator must confirm them.'
            : 'The session has ended. Sign in again.',
    );
  }
}

export interface OfficerTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  officerId: string;
}

interface Deps {
  prisma: PrismaClient;
  hub: HubContext;
  now: Date;
}

async function startSession(
  deps: Deps,
  officer: { id: string; roles: OfficerRole[]; organisationId: string | null },
): Promise<OfficerTokens> {
  const refreshToken = createOpaqueToken();
  const session = await deps.prisma.officerSession.create({
    data: {
      officerId: officer.id,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(deps.now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000),
    },
  });
  const access = await issueOfficerToken(
    deps.hub,
    { officerId: officer.id, roles: officer.roles, sessionId: session.id, organisationId: officer.organisationId },
    { now: deps.now, lifetimeSeconds: OFFICER_TOKEN_DEFAULT_SECONDS },
  );
  return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, officerId: officer.id };
}

export async function signInOfficer(deps: Deps, email: string, password: string): Promise<OfficerTokens> {
  const officer = await deps.prisma.officer.findUnique({ where: { email: email.trim().toLowerCase() } });
  // verifyPassword does the full argon2 work even without a hash, keeping timing equal.
  const passwordOk = await verifyPassword(officer?.passwordHash, password);
  if (!officer || officer.disabledAt) throw new SignInError('INVALID_CREDENTIALS');
  if (officer.lockedUntil && officer.lockedUntil > deps.now) throw new SignInError('ACCOUNT_LOCKED');
  if (!passwordOk) {
    const failures = officer.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await deps.prisma.officer.update({
      where: { id: officer.id },
      data: {
        failedLogins: lock ? 0 : failures,
        lockedUntil: lock ? new Date(deps.now.getTime() + LOCK_MINUTES * 60_000) : officer.lockedUntil,
      },
    });
    throw new SignInError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  // Told only to whoever knows the password: an account whose roles await a second ADMIN.
  if (officer.roles.length === 0) throw new SignInError('NO_ROLES_YET');
  if (officer.failedLogins > 0 || officer.lockedUntil) {
    await deps.prisma.officer.update({ where: { id: officer.id }, data: { failedLogins: 0, lockedUntil: null } });
  }
  return startSession(deps, officer);
}

/**
 * Exchanges a refresh token for new tokens and retires the old one. Presenting a refresh
 * token that was already used means it was copied: every session of that officer ends.
 */
export async function refreshOfficerSession(deps: Deps, refreshToken: string): Promise<OfficerTokens> {
  const session = await deps.prisma.officerSession.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    include: { officer: true },
  });
  if (!session) throw new SignInError('INVALID_REFRESH_TOKEN');
  if (session.revokedAt) {
    await deps.prisma.officerSession.updateMany({
      where: { officerId: session.officerId, revokedAt: null },
      data: { revokedAt: deps.now },
    });
    throw new SignInError('INVALID_REFRESH_TOKEN');
  }
  if (session.expiresAt <= deps.now || session.officer.disabledAt) throw new SignInError('INVALID_REFRESH_TOKEN');
  const claimed = await deps.prisma.officerSession.updateMany({
    where: { id: session.id, revokedAt: null },
    data: { revokedAt: deps.now },
  });
  if (claimed.count !== 1) throw new SignInError('INVALID_REFRESH_TOKEN');
  return startSession(deps, session.officer);
}

export async function signOutOfficer(deps: Pick<Deps, 'prisma' | 'now'>, sessionId: string): Promise<void> {
  await deps.prisma.officerSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: deps.now },
  });
}
