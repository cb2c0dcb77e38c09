// Rotating the hub signing keys is an operator's action and is audited (keys.rotate), in
// one database transaction with the rotation.
//
// The keys live in files, which no database transaction can roll back, so the order is
// what gives "both or neither": the record is appended first, holding the audit lock, then
// the files are rotated, then the transaction commits. A failed insert rotates nothing; a
// failed rotation rolls the record back. Only a commit lost after the files changed could
// leave a rotation unrecorded, and that is reported to the operator.
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
  let rotated = false;
  try {
    return await options.prisma.$transaction(
      async (tx) => {
        await appendAuditInTransaction(tx, [auditEvent(options, { kind: 'keys.rotate', payload: { kid: incoming } })]);
        const summary = await keys.rotateKeys({ now, maxTokenLifetimeSeconds: MAX_SHORT_LIVED_TOKEN_SECONDS });
        rotated = true;
        const current = summary.find((key) => key.state === 'current')?.kid;
        if (current !== incoming) {
          throw new Error(`Another rotation ran at the same time: ${current} signs now, not ${incoming}`);
        }
        return summary;
      },
      // The rotation waits for the key files' lock (up to ten seconds) and syncs to disk.
      { maxWait: 15_000, timeout: 30_000 },
    );
  } catch (error) {
    if (!rotated) throw error;
    throw new UnrecordedRotationError(
      `The hub keys were rotated, but the audit record of it could not be committed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
