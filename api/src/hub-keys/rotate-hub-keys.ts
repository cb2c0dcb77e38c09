// Rotating the hub signing keys, and purging a retired one, are an operator's actions and
// are audited (keys.rotate, keys.purge), each in one database transaction with the change.
//
// The keys live in files, which no database transaction can roll back, so the order is
// what gives "both or neither": the audit lock is taken, the new ring is planned, the record
// naming it (its public kids: the ring check compares them with storage) is appended, then
// the files are written, then the transaction commits. A failed insert changes nothing; a
// failed write rolls the record back. Only a commit lost after the files changed could leave
// a change unrecorded: that is reported to the operator, and the ring check finds it later.
import {
  type AuditActor,
  appendAuditInTransaction,
  auditEvent,
  type WriteOptions,
} from '../audit/audited-transaction.js';
import { AUDIT_LOCK_KEY } from '../audit/sequencer.js';
import { type HubKeySummary, type HubKeys, MAX_SHORT_LIVED_TOKEN_SECONDS } from '../auth/index.js';
import { ringKidsOf } from './ring-state.js';

export interface RotateHubKeysOptions extends WriteOptions {
  keys: HubKeys;
  actor: AuditActor;
}

export class UnrecordedRotationError extends Error {}

export async function rotateHubKeys(options: RotateHubKeysOptions): Promise<HubKeySummary[]> {
  const { keys, now } = options;
  // Another process may have rotated since these keys were read.
  await keys.refresh();
  const incoming = keys.listKeys().find((key) => key.state === 'next')?.kid;
  if (!incoming) throw new Error('The hub key ring has no next key to rotate to');
  return changeKeysAudited(options, (record) =>
    keys.rotateKeys({
      now,
      maxTokenLifetimeSeconds: MAX_SHORT_LIVED_TOKEN_SECONDS,
      beforeWrite: async (summary) => {
        const ring = ringKidsOf(summary);
        if (ring.current !== incoming) {
          throw new Error(`Another rotation ran at the same time: ${ring.current} would sign now, not ${incoming}`);
        }
        await record(auditEvent(options, { kind: 'keys.rotate', payload: { kid: incoming, ring } }));
      },
    }),
  );
}

/** Drops a retired key (everything it signed stops verifying), recorded as keys.purge. */
export async function purgeHubKey(options: RotateHubKeysOptions & { kid: string }): Promise<HubKeySummary[]> {
  const { keys, kid } = options;
  return changeKeysAudited(options, (record) =>
    keys.purgeKey(kid, {
      beforeWrite: (summary) =>
        record(auditEvent(options, { kind: 'keys.purge', payload: { kid, ring: ringKidsOf(summary) } })),
    }),
  );
}

// The audit lock is taken first and held to the commit, as createHubKeys holds it: the ring
// check (check-hub-keys.ts) takes it before reading the files, so it never sees changed files
// whose record is not committed yet — and every path takes the audit lock before the files' lock.
async function changeKeysAudited(
  options: RotateHubKeysOptions,
  change: (record: (event: ReturnType<typeof auditEvent>) => Promise<void>) => Promise<HubKeySummary[]>,
): Promise<HubKeySummary[]> {
  let changed = false;
  let kind = 'keys change';
  try {
    return await options.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
        const summary = await change(async (event) => {
          kind = event.kind ?? kind;
          await appendAuditInTransaction(tx, [event]);
        });
        changed = true;
        return summary;
      },
      // The change waits for the key files' lock (up to ten seconds) and syncs to disk.
      { maxWait: 15_000, timeout: 30_000 },
    );
  } catch (error) {
    if (!changed) throw error;
    throw new UnrecordedRotationError(
      `The hub keys were changed (${kind}), but the audit record of it could not be committed: ${
        error instanceof Error ? error.message : String(error)
      }; the next pnpm keys:rotate or server start reports the ring as keys.unrecorded_change`,
    );
  }
}
