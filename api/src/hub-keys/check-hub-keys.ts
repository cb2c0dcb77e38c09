// The ring check: is the hub key ring on storage the one the audit log says it should be?
// Run on every server start and before every `pnpm keys:rotate`.
//
// The keys.* records rebuild the ring they leave (ring-state.ts), and the whole ring found —
// current, next and retired kids — is compared with it. Three outcomes:
// - it matches: nothing is written;
// - no keys.* record exists at all: the ring was made before creation was audited, or its
//   creation's commit was lost (create-hub-keys.ts); recorded as keys.create, recordedLate;
// - it differs: a restored backup, a resurrected retired or purged key, a rotation whose
//   record was lost, files swapped on disk. That is not a creation and is not logged as one:
//   it is recorded as keys.unrecorded_change (DENIED, expected vs found), once per ring found,
//   and stays unresolved until a named operator records keys.change_acknowledged for that ring
//   (`pnpm keys:acknowledge`). Production refuses to start meanwhile; development warns.
// All under the audit lock, taken before the files are read: a rotation holds the same lock
// from before its files change until its record commits, so the check never sees one half.
import { type AuditTx, appendAuditInTransaction, auditEvent, type WriteOptions } from '../audit/audited-transaction.js';
import { AUDIT_LOCK_KEY } from '../audit/sequencer.js';
import type { HubKeys } from '../auth/index.js';
import {
  type ExpectedRing,
  expectedRingFrom,
  RING_STATE_KINDS,
  type RingKids,
  ringKidsOf,
  ringMatches,
  sameRing,
} from './ring-state.js';

export type HubKeyCheck =
  | { status: 'recorded'; found: RingKids }
  | { status: 'recorded-late'; found: RingKids }
  | { status: 'unrecorded-change'; expected: ExpectedRing; found: RingKids };

const TRANSACTION = { maxWait: 15_000, timeout: 30_000 };
const UNKNOWN: ExpectedRing = { current: null, next: null, retired: null };

/** Checks the ring in `keys` against the log, recording what it finds (see above). */
export function checkHubKeys(options: WriteOptions & { keys: HubKeys }): Promise<HubKeyCheck> {
  return options.prisma.$transaction((tx) => checkInTransaction(tx, options), TRANSACTION);
}

/**
 * Records that `operator` vouches for the ring found, when it differs from the log; returns
 * the check as it stood (status 'recorded': nothing to acknowledge, nothing written).
 */
export async function acknowledgeHubKeyChange(
  options: WriteOptions & { keys: HubKeys; operator: string },
): Promise<HubKeyCheck> {
  const operator = options.operator.trim();
  if (!operator) throw new Error('Name the operator who acknowledges the change (--operator="…")');
  return options.prisma.$transaction(async (tx) => {
    const check = await checkInTransaction(tx, options);
    if (check.status === 'unrecorded-change') {
      const { expected, found } = check;
      await appendAuditInTransaction(tx, [
        auditEvent(options, { kind: 'keys.change_acknowledged', payload: { operator, expected, found } }),
      ]);
    }
    return check;
  }, TRANSACTION);
}

async function checkInTransaction(tx: AuditTx, options: WriteOptions & { keys: HubKeys }): Promise<HubKeyCheck> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  await options.keys.refresh();
  const found = ringKidsOf(options.keys.listKeys());
  const records = await tx.auditEvent.findMany({
    // Named kinds, not a prefix: `kind IN (…)` walks the (kind, occurredAt, seq) index, where a
    // LIKE prefix under a non-C collation reads the whole log on every start.
    where: { kind: { in: [...RING_STATE_KINDS, 'keys.unrecorded_change'] } },
    orderBy: { seq: 'asc' },
    select: { kind: true, payload: true },
  });
  if (records.length === 0) {
    await appendAuditInTransaction(tx, [
      auditEvent(options, {
        kind: 'keys.create',
        payload: { kid: found.current, nextKid: found.next, recordedLate: true, ring: found },
      }),
    ]);
    return { status: 'recorded-late', found };
  }
  // Records of a kind this code does not know are skipped; with no ring-changing record at
  // all (only older ones that tell nothing), nothing is known and nothing is compared.
  const expected = expectedRingFrom(records.map((r) => ({ kind: r.kind ?? '', payload: r.payload }))) ?? UNKNOWN;
  if (ringMatches(expected, found)) return { status: 'recorded', found };
  const last = records[records.length - 1];
  const reported =
    last?.kind === 'keys.unrecorded_change' && sameRing((last.payload as unknown as { found: RingKids }).found, found);
  if (!reported) {
    await appendAuditInTransaction(tx, [
      auditEvent(options, {
        kind: 'keys.unrecorded_change',
        outcome: 'DENIED',
        reason: 'the hub key ring on storage is not the one the audit log records',
        payload: { expected, found },
      }),
    ]);
  }
  return { status: 'unrecorded-change', expected, found };
}

/** What the operator reads when the check finds an unrecorded change; `dir` is LUPA_HUB_KEYS_DIR. */
export function unrecordedChangeMessage(dir: string, check: { expected: ExpectedRing; found: RingKids }): string {
  const describe = (ring: ExpectedRing) =>
    `current ${ring.current ?? '(not recorded)'}, next ${ring.next ?? '(not recorded)'}, retired ${
      ring.retired ? `[${ring.retired.join(', ')}]` : '(not recorded)'
    }`;
  return (
    `The hub key ring in ${dir} is not the one the audit log records (recorded as keys.unrecorded_change).\n` +
    `  expected: ${describe(check.expected)}\n` +
    `  found:    ${describe(check.found)}\n` +
    'A restored backup, a brought-back retired or purged key, a rotation whose record was lost or key files ' +
    'swapped on disk look like this. If you know why and the ring found is the one to sign with, acknowledge it ' +
    `under your name: LUPA_HUB_KEYS_DIR=${dir} pnpm keys:acknowledge --operator="<your name>" (recorded as ` +
    'keys.change_acknowledged), then start Lupa (or run this command) again. Otherwise put back the ring the log names.'
  );
}
