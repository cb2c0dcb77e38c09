// A write and its audit events in one transaction: both commit or neither does, so an
// acknowledged change always has its record and a failed audit insert undoes the change.
//
// The records join the one hash chain the sequencer (sequencer.ts) appends to. Inside the
// write's transaction they are chained under the same advisory lock the sequencer's careful
// path takes, reading the head fresh — so two such transactions, or one and a locked batch,
// never build on the same head. The sequencer's unlocked fast path does not take the lock;
// the primary key on seq is what keeps it from forking the chain: if it claims the seq this
// transaction is about to use, the insert fails on the key, is rolled back to a savepoint,
// and the head is read again. The audit insert is the transaction's last statement, so the
// lock is held only for the insert and the commit.
import type { Prisma, PrismaClient } from '@lupa/db';
import { type AuditRecordInput, type ChainedAuditRecord, chainRecordsWithBodies, GENESIS_HEAD } from './chain.js';
import { AUDIT_EVENT_PAYLOADS, type AuditEventKind, type AuditPayload } from './event-kinds.js';
import { AUDIT_LOCK_KEY, INSERT_AUDIT_ROWS, isUniqueViolation, rowsJson } from './sequencer.js';
import { checkpointCommittedWrite } from './write-checkpoints.js';

export type AuditTx = Prisma.TransactionClient;

/** Who acted. Officers and services by id; SYSTEM for the CLI and background jobs. */
export type AuditActor =
  | { kind: 'OFFICER'; id: string }
  | { kind: 'SERVICE'; id: string; organisationId: string }
  | { kind: 'RESIDENT'; id: string }
  | { kind: 'SYSTEM'; id: string | null };

/** What every write carries besides its input: the database, who acts, and the request. */
export interface WriteOptions {
  prisma: PrismaClient;
  actor: AuditActor;
  requestId: string;
  now: Date;
}

export interface AuditEventInput<K extends AuditEventKind> {
  kind: K;
  payload: AuditPayload<K>;
  organisationId?: string | null;
  serviceId?: string | null;
  purposeId?: string | null;
  purposeVersionId?: string | null;
  residentId?: string | null;
  outcome?: 'ALLOWED' | 'DENIED';
  reason?: string | null;
  fieldsReturned?: string[];
}

/** One audit record of a kind, with its payload checked against the kind's schema. */
export function auditEvent<K extends AuditEventKind>(
  options: Pick<WriteOptions, 'actor' | 'requestId' | 'now'>,
  event: AuditEventInput<K>,
): AuditRecordInput {
  const payload = AUDIT_EVENT_PAYLOADS[event.kind].parse(event.payload);
  const { actor } = options;
  return {
    occurredAt: options.now,
    actorKind: actor.kind,
    actorId: actor.id,
    organisationId: event.organisationId ?? (actor.kind === 'SERVICE' ? actor.organisationId : null),
    serviceId: event.serviceId ?? (actor.kind === 'SERVICE' ? actor.id : null),
    purposeId: event.purposeId ?? null,
    purposeVersionId: event.purposeVersionId ?? null,
    residentId: event.residentId ?? null,
    operation: event.kind,
    outcome: event.outcome ?? 'ALLOWED',
    fieldsReturned: event.fieldsReturned ?? [],
    fieldsDenied: [],
    reason: event.reason ?? null,
    requestId: options.requestId,
    kind: event.kind,
    payload: (payload ?? null) as AuditRecordInput['payload'],
  };
}

const ATTEMPTS = 5;

/** Appends `records` to the chain inside `tx`; call it as the transaction's last statement. */
export async function appendAuditInTransaction(
  tx: AuditTx,
  records: readonly AuditRecordInput[],
): Promise<ChainedAuditRecord[]> {
  if (records.length === 0) return [];
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  for (let attempt = 1; ; attempt++) {
    await tx.$executeRawUnsafe('SAVEPOINT lupa_audit');
    try {
      const newest = await tx.$queryRawUnsafe<{ headSeq: string; hash: string }[]>(
        'SELECT seq::text AS "headSeq", hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1',
      );
      const head = newest[0] ? { seq: BigInt(newest[0].headSeq), hash: newest[0].hash } : GENESIS_HEAD;
      const rows = chainRecordsWithBodies(head, records);
      await tx.$executeRawUnsafe(INSERT_AUDIT_ROWS, rowsJson(rows));
      await tx.$executeRawUnsafe('RELEASE SAVEPOINT lupa_audit');
      return rows.map((r) => r.record);
    } catch (error) {
      if (!isUniqueViolation(unwrap(error)) || attempt >= ATTEMPTS) throw error;
      await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT lupa_audit');
    }
  }
}

/** Prisma wraps driver errors; the SQLSTATE sits on the error, its meta or its cause. */
function unwrap(error: unknown): unknown {
  const e = error as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: unknown } } };
  if (e?.code === '23505') return e;
  if (e?.meta?.code === '23505') return { code: '23505' };
  const cause = e?.meta?.driverAdapterError?.cause as { originalCode?: unknown; kind?: unknown } | undefined;
  if (cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation') return { code: '23505' };
  return error;
}

/**
 * Runs `work` in a transaction and appends the audit records it returns in that same
 * transaction. If the work throws, nothing is written; if the audit insert fails, the work
 * is rolled back and the error reaches the caller. After the commit, and before the caller
 * hears of it, a checkpoint of the new head is signed (write-checkpoints.ts), as the
 * sequencer does after a batch; a failed signature is logged, never the write's error.
 */
export async function auditedTransaction<T>(
  prisma: PrismaClient,
  work: (tx: AuditTx) => Promise<{ result: T; audit: AuditRecordInput[] }>,
  /** For long writes (an insight release waits for its own lock and counts a population). */
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  const { result, chained } = await prisma.$transaction(async (tx) => {
    const { result, audit } = await work(tx);
    return { result, chained: await appendAuditInTransaction(tx, audit) };
  }, options);
  await checkpointCommittedWrite(prisma, chained);
  return result;
}
