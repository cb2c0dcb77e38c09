// Verifies the stored audit log: the newest signed checkpoint is checked first (its
// signature, then that the chain reaches it), then every record is streamed in sequence
// order in pages, so millions of rows never sit in memory at once.
import type { PrismaClient } from '@lupa/db';
import type { HubContext } from '../auth/index.js';
import type { AuditOutcome, ChainedAuditRecord } from './chain.js';
import { readSignedCheckpoint } from './checkpoint.js';
import { type ChainVerification, verifyChain } from './verify-chain.js';

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

export type AuditLogVerification = ChainVerification & { checkpointSeq: bigint | null };

export async function verifyAuditLog(
  prisma: PrismaClient,
  hub: HubContext,
  options: { onProgress?: (verified: number) => void } = {},
): Promise<AuditLogVerification> {
  const newest = await prisma.auditCheckpoint.findFirst({ orderBy: { seq: 'desc' } });
  let checkpoint: { seq: bigint; headHash: string } | undefined;
  if (newest) {
    try {
      checkpoint = await readSignedCheckpoint(hub, newest);
    } catch (error) {
      return {
        ok: false,
        verified: 0,
        firstBrokenSeq: newest.seq,
        kind: 'HASH_MISMATCH',
        message: `the checkpoint at ${newest.seq} is not validly signed: ${error instanceof Error ? error.message : error}`,
        checkpointSeq: newest.seq,
      };
    }
  }
  const result = await verifyChain(streamEvents(prisma), { checkpoint, onProgress: options.onProgress });
  return { ...result, checkpointSeq: checkpoint?.seq ?? null };
}
