// The sequencer's two ways of appending: in one statement when this process knows the head
// (it wrote it), and under the advisory lock when it does not, or after another writer took
// the next seq first. Two sequencers on one database stand in for two API processes; the
// chain must stay gap-free and verifiable, and every acknowledged record must be stored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRecordInput, verifyChain } from '../../../api/src/audit/index.js';
import { AuditSequencer } from '../../../api/src/audit/sequencer.js';
import { fromRow } from '../../../api/src/audit/verify-log.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';

function record(operation: string): AuditRecordInput {
  return {
    occurredAt: new Date(),
    actorKind: 'SYSTEM',
    actorId: null,
    organisationId: null,
    serviceId: null,
    purposeId: null,
    purposeVersionId: null,
    residentId: randomUUID(),
    operation,
    outcome: 'ALLOWED',
    fieldsReturned: ['email'],
    fieldsDenied: [],
    reason: null,
    requestId: randomUUID(),
  };
}

describe('audit sequencer', () => {
  let db: TestDatabase;
  const statements: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ onQuery: (sql) => statements.push(sql) });
  });
  afterAll(() => db.drop());

  async function storedChain() {
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    return { seqs: rows.map((r) => r.seq), verification: await verifyChain([rows.map(fromRow)]) };
  }

  it('takes the lock when it does not know the head, then appends in one statement', async () => {
    const sequencer = new AuditSequencer(db);
    statements.length = 0;
    await sequencer.append([record('first')]);
    expect(statements.filter((s) => s.includes('pg_advisory_xact_lock'))).toHaveLength(1);

    statements.length = 0;
    const [second] = await sequencer.append([record('second'), record('third')]);
    expect(second?.seq).toBe(2n);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('INSERT INTO "AuditEvent"');
    expect((await storedChain()).verification).toMatchObject({ ok: true, verified: 3 });
  });

  it('keeps one gap-free chain when two processes append at once, losing nothing acknowledged', async () => {
    const before = await db.prisma.auditEvent.count();
    const a = new AuditSequencer(db);
    const b = new AuditSequencer(db);
    // Each knows a head the other will overtake, so collisions on the next seq are certain.
    await a.append([record('a warm-up')]);
    await b.append([record('b warm-up')]);
    const appends = Array.from({ length: 60 }, (_, i) =>
      (i % 2 === 0 ? a : b).append([record(`round ${i}`), record(`round ${i}`)]),
    );
    const acknowledged = (await Promise.all(appends)).flat();
    expect(acknowledged).toHaveLength(120);

    const { seqs, verification } = await storedChain();
    expect(seqs).toEqual(seqs.map((_, i) => BigInt(i + 1)));
    expect(seqs).toHaveLength(before + 122);
    expect(verification).toMatchObject({ ok: true, verified: before + 122 });
    const stored = new Set(
      (await db.prisma.auditEvent.findMany({ select: { requestId: true } })).map((r) => r.requestId),
    );
    for (const r of acknowledged) expect(stored.has(r.requestId)).toBe(true);
  });

  it('acknowledges a committed batch even when its checkpoint cannot be written, and retries it', async () => {
    const reported: string[] = [];
    let calls = 0;
    const sequencer = new AuditSequencer(db, {
      afterAppend: async () => {
        calls++;
        if (calls === 1) throw new Error('signing key unavailable');
      },
      reportError: (_error, message) => reported.push(message),
    });
    const [written] = await sequencer.append([record('checkpoint fails')]);
    expect(written?.seq).toBeGreaterThan(0n);
    expect(reported).toEqual(['audit checkpoint not written; retried later']);
    await sequencer.append([record('checkpoint retried')]);
    expect(calls).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { requestId: written?.requestId } })).toBe(1);
  });

  it('rejects a batch it could not write, and writes the next one after the true head', async () => {
    const sequencer = new AuditSequencer(db);
    await sequencer.append([record('known head')]);
    const unencodable = { ...record('bad'), reason: undefined } as unknown as AuditRecordInput;
    await expect(sequencer.append([unencodable])).rejects.toThrow(TypeError);
    // Another writer moves the head meanwhile; this one must not fork the chain.
    await new AuditSequencer(db).append([record('elsewhere')]);
    await sequencer.append([record('after')]);
    const { seqs, verification } = await storedChain();
    expect(verification).toMatchObject({ ok: true, verified: seqs.length });
  });
});
