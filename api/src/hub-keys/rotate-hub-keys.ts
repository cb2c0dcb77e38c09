// Rotating the hub signing keys, and purging a retired one, are an operator's actions and
// are audited (keys.rotate, keys.purge), each in one database transaction with the change.
//
// The keys live in files, which no database transaction can roll back, so the order is
// what gives "both or neither": the record is appended first, holding the audit lock, then
// the files are changed, then the transaction commits. A failed insert changes nothing; a
// failed change rolls the record back. Only a commit lost after the files changed could
// leave a change unrecorded, and that is reported to the operator.
import {
  type AuditActor,
  appendAuditInTransaction,
  auditEvent,
  type WriteOptions,
} from '../audit/audited-transaction.js';
import { type HubKeySummary, type HubKeys, MAX_SHORT_LIVED_TOKEN_SECONDS } from '../auth/index.js';

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
  return changeKeysAudited(
    options,
    auditEvent(options, { kind: 'keys.rotate', payload: { kid: incoming } }),
    async () => {
      const summary = await keys.rotateKeys({ now, maxTokenLifetimeSeconds: MAX_SHORT_LIVED_TOKEN_SECONDS });
      const current = summary.find((key) => key.state === 'current')?.kid;
      if (current !== incoming) {
        throw new Error(`Another rotation ran at the same time: ${current} signs now, not ${incoming}`);
      }
      return summary;
    },
  );
}

/** Drops a retired key (everything it signed stops verifying), recorded as keys.purge. */
export async function purgeHubKey(options: RotateHubKeysOptions & { kid: string }): Promise<HubKeySummary[]> {
  return changeKeysAudited(options, auditEvent(options, { kind: 'keys.purge', payload: { kid: options.kid } }), () =>
    options.keys.purgeKey(options.kid),
  );
}

async function changeKeysAudited(
  options: RotateHubKeysOptions,
  record: ReturnType<typeof auditEvent>,
  change: () => Promise<HubKeySummary[]>,
): Promise<HubKeySummary[]> {
  let changed = false;
  try {
    return await options.prisma.$transaction(
      async (tx) => {
        await appendAuditInTransaction(tx, [record]);
        const summary = await change();
        changed = true;
        return summary;
      },
      // The change waits for the key files' lock (up to ten seconds) and syncs to disk.
      { maxWait: 15_000, timeout: 30_000 },
    );
  } catch (error) {
    if (!changed) throw error;
    throw new UnrecordedRotationError(
      `The hub keys were changed (${record.kind}), but the audit record of it could not be committed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
