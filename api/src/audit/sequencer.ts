// The single sequencer of the audit log. Records from concurrent requests queue up here and
// are written together (group commit): one round trip and one fsync for a whole batch.
//
// The chain must have no gaps and no forks however many API processes append at once. The
// primary key on seq is what guarantees it: two batches that build on the same head both
// claim its next seq, and only one can commit. So a process that knows the head — it wrote
// it — appends in one statement, without a transaction or a lock (the common case, and the
// cheap one). If another process got there first, that statement fails on the key and
// changes nothing; the batch is then written the careful way: under a transaction-scoped
// advisory lock, reading the head fresh. After such a collision the process stays careful
// for a while, since several processes are evidently busy appending.
import type { PrismaClient, Sql, SqlSession } from '@lupa/db';
import {
  type AuditRecordInput,
  type ChainedAuditRecord,
  type ChainHead,
  chainRecordsWithBodies,
  GENESIS_HEAD,
} from './chain.js';

/** Arbitrary but fixed: the key of the advisory lock every Lupa process appends under. */
const AUDIT_LOCK_KEY = 72_707_531;
/** How long to append only under the lock after colliding with another process. */
const CAREFUL_AFTER_COLLISION_MS = 1_000;
/** Locked appends retried this many times when an unlocked one from elsewhere takes their seq. */
const LOCKED_ATTEMPTS = 5;

interface Pending {
  records: AuditRecordInput[];
  resolve: (chained: ChainedAuditRecord[]) => void;
  reject: (error: unknown) => void;
}

export interface AppendedBatch {
  head: { seq: bigint; hash: string };
  count: number;
}

export interface AuditSequencerOptions {
  /**
   * Called after each batch is committed and before it is acknowledged, e.g. to sign a
   * checkpoint of the head (which therefore never vouches for uncommitted records). Its
   * failure does not undo the batch: it goes to reportError.
   */
  afterAppend?: (prisma: PrismaClient, batch: AppendedBatch) => Promise<void>;
  reportError?: (error: unknown, message: string) => void;
  /** Most records written in one statement. */
  maxBatch?: number;
}

export class AuditSequencer {
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  /** The head this process last wrote or read under the lock; undefined when unsure. */
  #head: ChainHead | undefined;
  #carefulUntil = 0;

  /** `sql`, not Prisma, writes the rows: this is on the path of every personal-data response. */
  constructor(
    private readonly db: { prisma: PrismaClient; sql: Sql },
    private readonly options: AuditSequencerOptions = {},
  ) {}

  /** Resolves once the records are committed; rejects if they could not be written. */
  append(records: AuditRecordInput[]): Promise<ChainedAuditRecord[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#queue.push({ records, resolve, reject });
      this.#flushing ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const max = this.options.maxBatch ?? 500;
        const batch: Pending[] = [];
        let size = 0;
        while (this.#queue.length > 0 && (batch.length === 0 || size + (this.#queue[0]?.records.length ?? 0) <= max)) {
          const next = this.#queue.shift() as Pending;
          batch.push(next);
          size += next.records.length;
        }
        let chained: ChainedAuditRecord[];
        try {
          chained = await this.#write(batch.flatMap((p) => p.records));
        } catch (error) {
          for (const pending of batch) pending.reject(error);
          continue;
        }
        // Before the batch is acknowledged, so whoever saw it acknowledged also sees its checkpoint.
        const head = chained[chained.length - 1] as ChainedAuditRecord;
        await this.options
          .afterAppend?.(this.db.prisma, { head: { seq: head.seq, hash: head.hash }, count: chained.length })
          .catch((error: unknown) => this.options.reportError?.(error, 'audit checkpoint not written; retried later'));
        let offset = 0;
        for (const pending of batch) {
          pending.resolve(chained.slice(offset, offset + pending.records.length));
          offset += pending.records.length;
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  async #write(records: AuditRecordInput[]): Promise<ChainedAuditRecord[]> {
    const now = Date.now();
    if (this.#head && now >= this.#carefulUntil) {
      const rows = chainRecordsWithBodies(this.#head, records);
      try {
        if ((await insertAfterHead(this.db.sql, this.#head, rows)) === rows.length) return this.#advance(rows);
        this.#head = undefined;
      } catch (error) {
        // Written or not, the head is no longer known for sure.
        this.#head = undefined;
        if (!isUniqueViolation(error)) throw error;
        this.#carefulUntil = now + CAREFUL_AFTER_COLLISION_MS;
      }
      // Nothing was written: the head is not what this process thought; the lock path reads it.
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#writeLocked(records);
      } catch (error) {
        this.#head = undefined;
        if (!isUniqueViolation(error) || attempt >= LOCKED_ATTEMPTS) throw error;
      }
    }
  }

  async #writeLocked(records: AuditRecordInput[]): Promise<ChainedAuditRecord[]> {
    const rows = await this.db.sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
      // As text, so both drivers give the same type; named apart, so ORDER BY sorts numbers.
      const { rows: newest } = await tx.query<{ headSeq: string; hash: string }>(
        'SELECT seq::text AS "headSeq", hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1',
      );
      const head = newest[0] ? { seq: BigInt(newest[0].headSeq), hash: newest[0].hash } : GENESIS_HEAD;
      const withBodies = chainRecordsWithBodies(head, records);
      await insertAuditRows(tx, withBodies);
      return withBodies;
    });
    return this.#advance(rows);
  }

  #advance(rows: ChainedRow[]): ChainedAuditRecord[] {
    const chained = rows.map((row) => row.record);
    const last = chained[chained.length - 1] as ChainedAuditRecord;
    this.#head = { seq: last.seq, hash: last.hash };
    return chained;
  }
}

type ChainedRow = { record: ChainedAuditRecord; body: string };

/** PostgreSQL's unique_violation (pg and PGlite both report the SQLSTATE as `code`). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

// One statement with one parameter per batch: the rows travel as a JSON array and
// PostgreSQL unpacks them. Measured 4× faster than createMany for 100-row batches, whose
// cost grows with the number of bound parameters (17 per row). Each row is the canonical
// body that was hashed, plus its two hashes: what is stored is exactly what was hashed, and
// nothing is encoded twice. (seq arrives as a JSON string, which PostgreSQL reads as bigint.)
// A request-level record's residents (".batch" kinds, event-kinds.ts) are copied out of its
// hashed payload into the indexed residentIds column here, in the same statement, so the
// index cannot disagree with what was hashed; a malformed list fails the whole insert.
/**
 * The resident ids a record's payload lists, in payload order, as uuid[] (empty for every
 * kind but the ".batch" ones): what the residentIds column must hold. The verifier checks
 * the stored column against the same expression (verify-log.ts).
 */
export function listedResidentsSql(row: string): string {
  return `CASE WHEN ${row}.kind LIKE '%.batch' THEN ARRAY(
    SELECT jsonb_array_elements_text(g->'residentIds') FROM jsonb_array_elements(${row}.payload->'reads') AS g
  )::uuid[] ELSE '{}'::uuid[] END`;
}

const INSERT_AUDIT_ROWS = `
INSERT INTO "AuditEvent" (seq, "occurredAt", "actorKind", "actorId", "organisationId", "serviceId", "purposeId",
  "purposeVersionId", "residentId", operation, outcome, "fieldsReturned", "fieldsDenied", reason, "requestId",
  "prevHash", hash, kind, payload, "residentIds")
SELECT r.seq, r."occurredAt", r."actorKind"::"ActorKind", r."actorId", r."organisationId", r."serviceId", r."purposeId",
  r."purposeVersionId", r."residentId", r.operation, r.outcome::"AuditOutcome", r."fieldsReturned", r."fieldsDenied",
  r.reason, r."requestId", r."prevHash", r.hash, r.kind, r.payload, ${listedResidentsSql('r')}
FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, "occurredAt" timestamptz, "actorKind" text, "actorId" text,
  "organisationId" uuid, "serviceId" uuid, "purposeId" uuid, "purposeVersionId" uuid, "residentId" uuid,
  operation text, outcome text, "fieldsReturned" text[], "fieldsDenied" jsonb, reason text, "requestId" text,
  "prevHash" text, hash text, kind text, payload jsonb)`;

function rowsJson(rows: ChainedRow[]): string {
  const json = rows
    .map(({ record, body }) => `${body.slice(0, -1)},"prevHash":"${record.prevHash}","hash":"${record.hash}"}`)
    .join(',');
  return `[${json}]`;
}

export { AUDIT_LOCK_KEY, INSERT_AUDIT_ROWS, isUniqueViolation, rowsJson };

async function insertAuditRows(tx: SqlSession, rows: ChainedRow[]): Promise<void> {
  await tx.query(INSERT_AUDIT_ROWS, [rowsJson(rows)]);
}

// The unlocked append: the rows go in only if the head they were chained to is a stored
// record (a head this process wrote — never the genesis, which has no row), and the primary
// key refuses them if anyone has already appended after it. Returns the rows written.
async function insertAfterHead(sql: Sql, head: ChainHead, rows: ChainedRow[]): Promise<number> {
  const { affected } = await sql.query(
    `${INSERT_AUDIT_ROWS}
WHERE EXISTS (SELECT 1 FROM "AuditEvent" WHERE seq = $2::bigint AND hash = $3)`,
    [rowsJson(rows), head.seq.toString(), head.hash],
  );
  return affected;
}
