// Derives a resident's consent state for one purpose from the Consent rows (written once)
// and their appended events, as of the request's instant. The API loads the rows and
// events for the residents of a request in one query and calls this per resident.
import type { ConsentedVersion, ConsentState } from './types.js';

/** The state of a resident without any consent to the purpose: one frozen value, shared. */
export const NO_CONSENT: ConsentState = Object.freeze({ kind: 'none' });

export const CONSENT_EVENT_TYPES = ['GRANTED', 'CONFIRMED', 'WITHDRAWN', 'EXPIRED'] as const;
export type ConsentEventType = (typeof CONSENT_EVENT_TYPES)[number];

export interface ConsentEventRecord {
  type: ConsentEventType;
  occurredAt: Date;
}

/** One Consent row with its version's scope and its events. */
export interface ConsentRecord {
  consentedVersion: ConsentedVersion;
  grantedAt: Date;
  expiresAt: Date | null;
  needsConfirmation: boolean;
  events: readonly ConsentEventRecord[];
}

export interface DeriveConsentStateInput {
  purposeId: string;
  /** The resident's Consent rows; rows for other purposes are ignored. */
  records: readonly ConsentRecord[];
  now: Date;
}

function stateOfRecord(record: ConsentRecord, withdrawals: readonly number[], now: number): ConsentState {
  const grantedAt = record.grantedAt.getTime();
  // Withdrawal is of consent to the purpose (Art. 7(3)), so a withdrawal recorded on any
  // row ends every grant made before it, even one to another version.
  // An unreadable time (NaN) counts as a withdrawal; the Invalid Date it yields makes the
  // engine deny with ENGINE_ERROR, which is closed, not open.
  let withdrawnAt: number | undefined;
  for (const time of withdrawals) {
    if (Number.isNaN(time) || Number.isNaN(grantedAt) || time >= grantedAt) {
      withdrawnAt = withdrawnAt === undefined ? time : Math.min(withdrawnAt, time);
    }
  }
  if (withdrawnAt !== undefined) return { kind: 'withdrawn', withdrawnAt: new Date(withdrawnAt) };
  const expiredEvent = record.events.find((e) => e.type === 'EXPIRED');
  if (expiredEvent) return { kind: 'expired', expiredAt: expiredEvent.occurredAt };
  if (record.expiresAt !== null && now >= record.expiresAt.getTime())
    return { kind: 'expired', expiredAt: record.expiresAt };
  const confirmed = record.events.some((e) => e.type === 'CONFIRMED' && e.occurredAt.getTime() <= now);
  if (record.needsConfirmation && !confirmed) return { kind: 'unconfirmed', consentedVersion: record.consentedVersion };
  return { kind: 'granted', consentedVersion: record.consentedVersion, expiresAt: record.expiresAt };
}

// Newest grant first; on equal times the higher version.
function byRecency(a: ConsentRecord, b: ConsentRecord): number {
  return b.grantedAt.getTime() - a.grantedAt.getTime() || b.consentedVersion.version - a.consentedVersion.version;
}

/**
 * The newest grant still valid decides (its version's scope applies); if none is valid, the
 * newest grant's state explains why. A resident holding a confirmed consent to version 1
 * and an unconfirmed one to version 2 therefore keeps version 1's scope.
 */
export function deriveConsentState({ purposeId, records, now }: DeriveConsentStateInput): ConsentState {
  const mine = records.filter((r) => r.consentedVersion.purposeId === purposeId).sort(byRecency);
  if (mine.length === 0) return NO_CONSENT;
  const withdrawals = mine.flatMap((r) =>
    r.events.filter((e) => e.type === 'WITHDRAWN').map((e) => e.occurredAt.getTime()),
  );
  const states = mine.map((r) => stateOfRecord(r, withdrawals, now.getTime()));
  return states.find((s) => s.kind === 'granted') ?? (states[0] as ConsentState);
}
