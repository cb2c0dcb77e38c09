// Verifies the stored audit log: the newest signed checkpoint is checked first (its
// signature, then that the chain reaches it), then every record is streamed in sequence
// order in pages, so millions of rows never sit in memory at once. A checkpoint that cannot
// be verified is its own outcome (verify-checkpoint.ts), never a changed record.
import type { PrismaClient } from '@lupa/db';
import type { AuditOutcome, ChainedAuditRecord, ChainHead } from './chain.js';
import { listedResidentsSql } from './sequencer.js';
import { type ChainBroken, type ChainIntact, verifyChain } from './verify-chain.js';
import {
  type CheckpointProblemKind,
  type CheckpointSigner,
  type CheckpointTrust,
  readCheckpointWith,
} from './verify-checkpoint.js';

const PAGE = 5000;

type EventRow = Awaited<ReturnType<PrismaClient['auditEvent']['findMany']>>[number];

export function fromRow(row: EventRow): ChainedAuditRecord {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt,
    actorKind: row.actorKind,
    actorId: row.actorId,
    organisationId: row.organisationId,
    serviceId: row.serviceId,
    purposeId: row.purposeId,
    purposeVersionId: row.purposeVersionId,
    residentId: row.residentId,
    operation: row.operation,
    outcome: row.outcome as AuditOutcome,
    fieldsReturned: row.fieldsReturned,
    fieldsDenied: row.fieldsDenied as { field: string; reason: string }[],
    reason: row.reason,
    requestId: row.requestId,
    kind: row.kind,
    payload: row.payload as ChainedAuditRecord['payload'],
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

// Yields whole pages: the verifier walks each page without an await per record.
async function* streamEvents(prisma: PrismaClient): AsyncGenerator<ChainedAuditRecord[]> {
  let after = 0n;
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: PAGE,
    });
    yield page.map(fromRow);
    if (page.length < PAGE) return;
    after = (page[page.length - 1] as EventRow).seq;
  }
}

/** The chain is intact and reaches the newest checkpoint (if any), whose signature verified. */
export type AuditLogIntact = ChainIntact & {
  checkpointSeq: bigint | null;
  /** Who signed that checkpoint: its issuer and key id. */
  checkpointSigner?: CheckpointSigner;
};

/** A record was changed, removed or moved: `firstBrokenSeq` names where. */
export type AuditLogBroken = ChainBroken & {
  checkpointSeq: bigint | null;
  /** Also reported when the newest checkpoint could not be verified either. */
  checkpointProblem?: CheckpointProblem;
};

/**
 * The records chain intact, but the newest checkpoint cannot be verified with the keys or
 * issuer given, so a log rewritten (or cut short) as a whole cannot be ruled out.
 */
export interface AuditLogUnverified extends CheckpointProblem {
  ok: false;
  /** Records that chain intact, walked without the checkpoint. */
  verified: number;
  head: ChainHead;
}

export interface CheckpointProblem extends CheckpointSigner {
  kind: CheckpointProblemKind;
  /** The checkpoint that could not be verified. */
  checkpointSeq: bigint;
  message: string;
}

export type AuditLogVerification = AuditLogIntact | AuditLogBroken | AuditLogUnverified;

/**
 * `trust` holds the hub keys and, optionally, the issuer the checkpoints must name (a
 * HubContext fits); without an issuer it is taken from the checkpoint (verify-checkpoint.ts).
 */
export async function verifyAuditLog(
  prisma: PrismaClient,
  trust: CheckpointTrust,
  options: { onProgress?: (verified: number) => void } = {},
): Promise<AuditLogVerification> {
  const newest = await prisma.auditCheckpoint.findFirst({ orderBy: { seq: 'desc' } });
  const reading = newest ? await readCheckpointWith(trust, newest) : undefined;
  const checkpoint = reading?.ok ? reading.checkpoint : undefined;
  const result = await residentIndexChecked(
    prisma,
    await verifyChain(streamEvents(prisma), { checkpoint, onProgress: options.onProgress }),
  );
  if (!reading || reading.ok) {
    const signer = reading && { issuer: reading.issuer, kid: reading.kid };
    return { ...result, checkpointSeq: checkpoint?.seq ?? null, ...(signer && { checkpointSigner: signer }) };
  }
  // The walk without the checkpoint still names a changed record: that comes first.
  const problem: CheckpointProblem = {
    kind: reading.kind,
    checkpointSeq: reading.seq,
    message: reading.message,
    issuer: reading.issuer,
    kid: reading.kid,
  };
  if (!result.ok) return { ...result, checkpointSeq: null, checkpointProblem: problem };
  return { ok: false, verified: result.verified, head: result.head, ...problem };
}

// The residentIds column is a copy of the residents a request-level record lists in its
// hashed payload (sequencer.ts), kept so a resident's access log can find the record. It is
// not hashed itself, so it is checked against the payload here: a row whose copy was edited
// (to hide a read from the resident) is a changed row, reported at its seq like any other
// change — unless the chain already broke at or before it.
async function residentIndexChecked(prisma: PrismaClient, result: ChainIntact | ChainBroken) {
  const limit = result.ok ? null : result.firstBrokenSeq.toString();
  const [disagreeing] = await prisma.$queryRawUnsafe<{ seq: string }[]>(
    `SELECT e.seq::text AS seq FROM "AuditEvent" AS e
     WHERE coalesce(e."residentIds", '{}') IS DISTINCT FROM ${listedResidentsSql('e')}
       AND ($1::bigint IS NULL OR e.seq < $1::bigint)
     ORDER BY e.seq LIMIT 1`,
    limit,
  );
  if (!disagreeing) return result;
  const seq = BigInt(disagreeing.seq);
  const broken: ChainBroken = {
    ok: false,
    verified: Number(seq - 1n),
    firstBrokenSeq: seq,
    kind: 'HASH_MISMATCH',
    message: `record ${seq} was changed after it was written (its resident index disagrees with its hashed list)`,
  };
  return broken;
}
