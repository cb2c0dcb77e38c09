// Officer lockouts for administrators: which officer's e-mail was locked for which client,
// and until when, read from the `officer.locked` audit events that sign-in writes
// (session.ts). The throttle's counts live in the database (sign-in-throttle.ts) and are
// pruned once their windows end; the audit log keeps the locks, with who and until when,
// for as long as audit records are kept, whichever process refused the sign-in.
//
// Listing lockouts shows officers' client addresses and failed sign-ins, so the listing is
// itself an audited read (officer.lockouts.read), recorded in the same transaction as the
// read: no answer leaves without its record.
import type { OfficerModel as Officer } from '@lupa/db';
import { auditEvent, auditedTransaction, type WriteOptions } from '../audit/audited-transaction.js';
import { AUDIT_EVENT_PAYLOADS } from '../audit/event-kinds.js';

export const LOCKOUTS_DEFAULT_HOURS = 24;
export const LOCKOUTS_MAX = 100;

export interface OfficerLockout {
  officer: Officer;
  lockedAt: Date;
  lockedUntil: Date;
  /** The client address the lock applies to; null when the sign-in had none (in-process). */
  clientAddress: string | null;
  /** Still in force at the time of the request; every process enforces it, a restart too. */
  active: boolean;
}

export interface ListLockoutsOptions extends WriteOptions {
  /** Locks that began at or after this instant; default the last 24 hours. */
  since?: Date | null;
  /** At most this many, newest first (1–100). */
  first: number;
}

export async function listOfficerLockouts(options: ListLockoutsOptions): Promise<OfficerLockout[]> {
  const since = options.since ?? new Date(options.now.getTime() - LOCKOUTS_DEFAULT_HOURS * 3_600_000);
  const take = Math.min(Math.max(options.first, 1), LOCKOUTS_MAX);
  return auditedTransaction(options.prisma, async (tx) => {
    const events = await tx.auditEvent.findMany({
      where: { kind: 'officer.locked', occurredAt: { gte: since }, actorKind: 'OFFICER', actorId: { not: null } },
      orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
      take,
      select: { occurredAt: true, actorId: true, payload: true },
    });
    const ids = [...new Set(events.map((e) => e.actorId as string))];
    const officers = new Map(
      (await tx.officer.findMany({ where: { id: { in: ids } } })).map((officer) => [officer.id, officer]),
    );
    const lockouts: OfficerLockout[] = [];
    for (const event of events) {
      const officer = officers.get(event.actorId as string);
      const payload = AUDIT_EVENT_PAYLOADS['officer.locked'].safeParse(event.payload);
      if (!officer || !payload.success) continue;
      const lockedUntil = new Date(payload.data.lockedUntil);
      lockouts.push({
        officer,
        lockedAt: event.occurredAt,
        lockedUntil,
        clientAddress: payload.data.clientAddress,
        active: lockedUntil > options.now,
      });
    }
    return { result: lockouts, audit: [auditEvent(options, { kind: 'officer.lockouts.read', payload: null })] };
  });
}
