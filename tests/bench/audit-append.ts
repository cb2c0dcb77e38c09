// Benchmark: the audit log's own throughput. 50 concurrent clients append one event each,
// over and over, through the one sequencer (group commit), against the same clients each
// writing alone in turn (one transaction per event, no grouping), side by side; then the
// whole chain is verified from the database, in events per second.
import { randomUUID } from 'node:crypto';
import type { AuditRecordInput } from '../../api/src/audit/chain.js';
import { AuditSequencer } from '../../api/src/audit/sequencer.js';
import { verifyAuditLog } from '../../api/src/audit/verify-log.js';
import { type BenchDatabase, startBenchServer } from './harness.js';

const CLIENTS = 50;

function record(): AuditRecordInput {
  return {
    occurredAt: new Date(),
    actorKind: 'SERVICE',
    actorId: randomUUID(),
    organisationId: randomUUID(),
    serviceId: randomUUID(),
    purposeId: randomUUID(),
    purposeVersionId: randomUUID(),
    residentId: randomUUID(),
    operation: 'Query.resident',
    outcome: 'ALLOWED',
    fieldsReturned: ['firstName', 'lastName', 'email'],
    fieldsDenied: [],
    reason: null,
    requestId: randomUUID(),
  };
}

/** Appends from `clients` concurrent loops for `seconds`; returns events per second. */
async function appendFor(append: (r: AuditRecordInput) => Promise<unknown>, clients: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        await append(record());
        events += 1;
      }
    }),
  );
  return events / ((performance.now() - started) / 1000);
}

export async function benchAuditAppend(options: { seconds: number; database: BenchDatabase }) {
  const bench = await startBenchServer(0, { database: options.database });
  try {
    const grouped = new AuditSequencer(bench.db);
    // One event per transaction: a fresh sequencer per append never finds company to group with.
    const single = (r: AuditRecordInput) => new AuditSequencer(bench.db, { maxBatch: 1 }).append([r]);
    await appendFor((r) => grouped.append([r]), CLIENTS, 1);
    const groupCommit = await appendFor((r) => grouped.append([r]), CLIENTS, options.seconds);
    const oneByOne = await appendFor(single, CLIENTS, options.seconds);
    const events = await bench.db.prisma.auditEvent.count();
    const started = performance.now();
    const verification = await verifyAuditLog(bench.db.prisma, bench.hub);
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verification.ok) throw new Error(`chain broken after the benchmark: ${verification.message}`);
    return {
      name: 'audit append (50 concurrent clients) and chain verification',
      database: options.database,
      groupCommitEventsPerSecond: groupCommit,
      oneTransactionPerEventEventsPerSecond: oneByOne,
      groupCommitSpeedup: groupCommit / oneByOne,
      verifiedEvents: verification.verified,
      totalEvents: events,
      verifyEventsPerSecond: verification.verified / verifySeconds,
    };
  } finally {
    await bench.close();
  }
}
