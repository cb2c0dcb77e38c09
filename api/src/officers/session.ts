// Officer sign-in: argon2id passwords, a short-lived access token plus a rotating refresh
// token, logout that revokes, and a lock after repeated failures (sign-in-throttle.ts: per
// account and client, so a stranger cannot lock an officer out; counted in the database, so
// every API process shares the counts). An unknown e-mail, a wrong
// password and a locked or throttled client all get the same answer — same code, same
// message — after the same work, so the endpoint cannot be used to find out who has an account.
// There is no lock column on the officer: one counter per account is exactly what let a
// stranger lock an officer out. Locks are audited (officer.locked) and listed to admins by
// officerLockouts.
import { hkdfSync } from 'node:crypto';
import type { PicKeys, Prisma, PrismaClient } from '@lupa/db';
import { auditEvent, auditedTransaction } from '../audit/audited-transaction.js';
import type { AuditRecordInput } from '../audit/chain.js';
import {
  createOpaqueToken,
  type HubContext,
  hashToken,
  issueOfficerToken,
  OFFICER_TOKEN_DEFAULT_SECONDS,
  type OfficerRole,
  verifyPassword,
} from '../auth/index.js';
import { isRetryableConflict, retryOnConflict } from '../db/retry-conflict.js';
import { SignInThrottle } from './sign-in-throttle.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const REFRESH_TOKEN_DAYS = 1;
/** Failures from one client, over all accounts, before that client is throttled. */
export const MAX_FAILED_LOGINS_PER_CLIENT = 20;

/**
 * Five failures per (e-mail, client), twenty per client, in 15 minutes; counted in the database.
 * The row keys' HMAC key is derived from the data-protection (blind index) key: it lives where
 * that key lives — the environment or LUPA_PIC_KEY_FILE, which production requires and keeps
 * off the data volume — and never in the database. HKDF with its own label keeps the two uses
 * apart: neither key can be computed from the other.
 */
export function createSignInThrottle(keys: Pick<PicKeys, 'blindIndexKey'>): SignInThrottle {
  const windowMs = LOCK_MINUTES * 60_000;
  const secret = Buffer.from(hkdfSync('sha256', keys.blindIndexKey, Buffer.alloc(0), THROTTLE_KEY_LABEL, 32));
  return new SignInThrottle(
    {
      perAccountClient: { maxFailures: MAX_FAILED_LOGINS, windowMs, blockMs: windowMs },
      perClient: { maxFailures: MAX_FAILED_LOGINS_PER_CLIENT, windowMs, blockMs: windowMs },
    },
    secret,
  );
}

const THROTTLE_KEY_LABEL = 'lupa-officer-sign-in-throttle-keys-v1';

export type SignInFailure = 'INVALID_CREDENTIALS' | 'INVALID_REFRESH_TOKEN' | 'NO_ROLES_YET';

export class SignInError extends Error {
  constructor(readonly code: SignInFailure) {
    super(
      code === 'INVALID_CREDENTIALS'
        ? // One message for a wrong password, an unknown address and a locked client alike.
          `The e-mail address or password is wrong, or there were too many attempts: try again in ${LOCK_MINUTES} minutes.`
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

export interface SignInOptions extends Deps {
  requestId: string;
  email: string;
  password: string;
  /** The peer address the request came from; null when unknown (in-process calls). */
  clientAddress: string | null;
  throttle: SignInThrottle;
}

async function startSession(
  deps: Deps,
  officer: { id: string; roles: OfficerRole[]; organisationId: string | null },
  db: PrismaClient | Prisma.TransactionClient = deps.prisma,
): Promise<OfficerTokens & { sessionId: string }> {
  const refreshToken = createOpaqueToken();
  const session = await db.officerSession.create({
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
  return {
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken,
    officerId: officer.id,
    sessionId: session.id,
  };
}

type SignInOutcome =
  | { kind: 'refused' }
  | { kind: 'no-roles' }
  | { kind: 'signed-in'; tokens: OfficerTokens & { sessionId: string } };

/** Room for a burst from one client to queue on its rows under load. */
const SIGN_IN_TRANSACTION = { maxWait: 5_000, timeout: 10_000 };

export async function signInOfficer(options: SignInOptions): Promise<OfficerTokens> {
  const { throttle, now } = options;
  const email = options.email.trim().toLowerCase();
  const keys = throttle.keysOf(email, options.clientAddress ?? 'unknown');
  const officer = await options.prisma.officer.findUnique({ where: { email } });
  const usable = officer && !officer.disabledAt ? officer : null;
  // Exactly one full argon2 verification per request, on every path — blocked, unknown,
  // disabled, wrong, right (a dummy hash without an account) — so neither the answer nor its
  // timing tells them apart. It runs before the rows are locked, so a burst's verifications
  // do not queue on the lock (on PGlite, on the one connection); what it found counts only
  // if the pair and client are found unblocked under the lock, so a blocked attempt's
  // password is checked but its answer never told.
  const passwordMatches = await verifyPassword(officer?.passwordHash, options.password);
  let outcome: SignInOutcome;
  try {
    outcome = await retryOnConflict(() =>
      auditedTransaction(
        options.prisma,
        async (tx): Promise<{ result: SignInOutcome; audit: AuditRecordInput[] }> => {
          // From here to the commit this request holds the client's and the pair's rows: a
          // burst from one client is judged and counted one attempt at a time (sign-in-throttle.ts).
          const locked = await throttle.lock(tx, keys, now);
          // A locked (e-mail, client) pair or a throttled client is refused for known and unknown
          // addresses alike. These refusals are not audited one by one: a flooding client would
          // otherwise fill the audit log; the failures that led to the lock are, and so is the
          // lock (officer.locked).
          if (throttle.isBlocked(locked, now)) return { result: { kind: 'refused' }, audit: [] };
          if (!usable || !passwordMatches) {
            const lockedUntil = await throttle.recordFailure(tx, locked, now);
            return { result: { kind: 'refused' }, audit: failureAudit(options, usable, lockedUntil) };
          }
          // Told only to whoever knows the password: an account whose roles await a second ADMIN.
          if (usable.roles.length === 0) return { result: { kind: 'no-roles' }, audit: [] };
          await throttle.clear(tx, keys);
          const started = await startSession(options, usable, tx);
          return {
            result: { kind: 'signed-in', tokens: started },
            audit: [
              auditEvent(
                { requestId: options.requestId, now, actor: { kind: 'OFFICER', id: usable.id } },
                { kind: 'officer.sign_in', payload: { sessionId: started.sessionId } },
              ),
            ],
          };
        },
        SIGN_IN_TRANSACTION,
      ),
    );
  } catch (error) {
    // A conflict that outlasted the retries, or a transaction that waited too long for its
    // lock, can strike a right password as well as a wrong one: answered alike, it tells
    // nothing. Anything else is a fault and surfaces as one.
    if (!isRetryableConflict(error) && !isTransactionTimeout(error)) throw error;
    throw new SignInError('INVALID_CREDENTIALS');
  }
  if (outcome.kind === 'refused') throw new SignInError('INVALID_CREDENTIALS');
  if (outcome.kind === 'no-roles') throw new SignInError('NO_ROLES_YET');
  const { sessionId: _sessionId, ...result } = outcome.tokens;
  return result;
}

// An unknown address is audited with no actor id and without the typed address: it may be a
// mistyped real address (personal data of someone who is not an officer), and a hash of it
// could be reversed by guessing. A known account is named by its id, never its e-mail.
function failureAudit(
  options: SignInOptions,
  usable: { id: string } | null,
  lockedUntil: Date | undefined,
): AuditRecordInput[] {
  const actor = {
    requestId: options.requestId,
    now: options.now,
    actor: { kind: 'OFFICER', id: usable?.id ?? '' },
  } as const;
  const clientAddress = options.clientAddress;
  const audit: AuditRecordInput[] = [
    auditEvent(actor, { kind: 'officer.sign_in_failed', payload: { clientAddress }, outcome: 'DENIED' }),
  ];
  if (usable && lockedUntil !== undefined) {
    audit.push(
      auditEvent(actor, {
        kind: 'officer.locked',
        payload: { lockedUntil: lockedUntil.toISOString(), clientAddress },
        outcome: 'DENIED',
      }),
    );
  }
  return usable ? audit : audit.map((record) => ({ ...record, actorId: null }));
}

/** Prisma's P2028: the interactive transaction could not start or ran past its timeout. */
function isTransactionTimeout(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'P2028';
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
