// Who signs a checkpoint after a write's transaction commits its audit records.
//
// Domain writes call auditedTransaction with nothing but their PrismaClient, and threading
// a signer through every write's options would touch each of them for a concern none of
// them has. So the app registers one signer per database client at start (http/app.ts),
// and auditedTransaction looks it up after its commit. Without a registration (the CLI,
// unit tests) nothing is signed there: the next sequencer batch's policy covers it.
import type { PrismaClient } from '@lupa/db';
import type { ChainedAuditRecord } from './chain.js';
import type { AppendedBatch } from './sequencer.js';

export interface WriteCheckpointSigner {
  sign(prisma: PrismaClient, batch: AppendedBatch): Promise<void>;
  /** A failed signature is reported here, never to the write, which has committed. */
  reportError(error: unknown, message: string): void;
}

const signers = new WeakMap<PrismaClient, WriteCheckpointSigner>();

export function signCheckpointsAfterWrites(prisma: PrismaClient, signer: WriteCheckpointSigner): void {
  signers.set(prisma, signer);
}

/** Signs the head the write just committed; logs a failure and lets the write stand. */
export async function checkpointCommittedWrite(
  prisma: PrismaClient,
  records: readonly ChainedAuditRecord[],
): Promise<void> {
  const signer = signers.get(prisma);
  const head = records[records.length - 1];
  if (!signer || !head) return;
  try {
    await signer.sign(prisma, { head: { seq: head.seq, hash: head.hash }, count: records.length });
  } catch (error) {
    signer.reportError(error, 'audit checkpoint after a write not written; retried with the next append');
  }
}
