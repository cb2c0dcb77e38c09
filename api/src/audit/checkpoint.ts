// Signed chain heads, wired to the hub key and the database: every N events or T ms the
// sequencer signs {seq, headHash, signedAt} right after the batch that made that head was
// committed, so a checkpoint never vouches for records that were not committed. The payload and the
// policy are pure (checkpoint-payload.ts, checkpoint-policy.ts) and re-exported here.
import type { PrismaClient } from '@lupa/db';
import { HUB_TOKEN_TYPES, type HubContext, signHubJws, verifyHubJws } from '../auth/index.js';
import { type ChainCheckpoint, signCheckpoint, verifyCheckpointPayload } from './checkpoint-payload.js';
import { type CheckpointPolicy, shouldCheckpoint } from './checkpoint-policy.js';
import type { AppendedBatch } from './sequencer.js';

export * from './checkpoint-payload.js';
export * from './checkpoint-policy.js';

const TYP = HUB_TOKEN_TYPES.auditCheckpoint;

export function checkpointAudience(hub: HubContext): string {
  return `${hub.issuer}/audit`;
}

/** Signs a checkpoint of a committed head. */
export type SignAfterAppend = (prisma: Pick<PrismaClient, 'auditCheckpoint'>, batch: AppendedBatch) => Promise<void>;

/**
 * Signs chain heads after their batch is committed, as the policy asks. A failed write is
 * retried with the next batch: the count since the last checkpoint is kept until one lands.
 *
 * `afterWrite` is for records a write committed in its own transaction
 * (audited-transaction.ts): those are signed at once, not when the policy is next due — no
 * read may follow an administration write for a long time, and until a checkpoint covers
 * it, its record could be cut off the tail unnoticed. If that signature fails, the next
 * batch or write signs regardless of the policy.
 */
export function createCheckpointer(
  hub: HubContext,
  policy: CheckpointPolicy,
  clock: () => Date,
): SignAfterAppend & { afterWrite: SignAfterAppend } {
  let eventsSinceLast = 0;
  let last = clock().getTime();
  let owed = false;
  const sign: SignAfterAppend = async (prisma, batch) => {
    const now = clock();
    const checkpoint = { seq: batch.head.seq, headHash: batch.head.hash, signedAt: now };
    const jws = await signCheckpoint(checkpoint, (payload) =>
      signHubJws(hub, { typ: TYP, audience: checkpointAudience(hub), payload }, { now }),
    );
    await prisma.auditCheckpoint.create({ data: { ...checkpoint, jws } });
    eventsSinceLast = 0;
    last = now.getTime();
    owed = false;
  };
  const afterBatch: SignAfterAppend = async (prisma, batch) => {
    eventsSinceLast += batch.count;
    const due = owed || shouldCheckpoint({ eventsSinceLast, msSinceLast: clock().getTime() - last }, policy);
    if (due) await sign(prisma, batch);
  };
  // No count kept here: a signature resets it, and a failed one makes the next batch due
  // whatever the count (owed).
  const afterWrite: SignAfterAppend = async (prisma, batch) => {
    try {
      await sign(prisma, batch);
    } catch (error) {
      owed = true;
      throw error;
    }
  };
  return Object.assign(afterBatch, { afterWrite });
}

/** The checkpoint a stored row's signature vouches for, or an error saying why not. */
export async function readSignedCheckpoint(
  hub: HubContext,
  row: { seq: bigint; headHash: string; jws: string },
): Promise<ChainCheckpoint> {
  return verifyCheckpointPayload(
    row.jws,
    async (jws) => {
      const verified = await verifyHubJws(hub, jws, { typ: TYP, audience: checkpointAudience(hub) });
      // Checkpoints signed before signedAt joined the payload carry only `iat`, which the
      // same signature covers; read that rather than call an intact log broken.
      return 'signedAt' in verified.payload
        ? verified.payload
        : { ...verified.payload, signedAt: verified.issuedAt.toISOString() };
    },
    row,
  );
}
