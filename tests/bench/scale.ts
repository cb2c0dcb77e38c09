// Benchmark: scale on PostgreSQL. Seeds `residents` synthetic residents with their consents
// (the bulk seed) and `events` audit events spread over them (appended through the real
// sequencer in large batches, so the chain is real), then measures a resident's access-log
// query (p50/p95 over random residents, budget p95 ≤ 50 ms at 10,000,000 events) and the
// process's memory. Full size is 1,000,000 residents and 10,000,000 events:
//   pnpm bench --only scale --scale-residents 1000000 --scale-events 10000000
import { randomBytes, randomUUID } from 'node:crypto';
import { seedDatabase } from '@lupa/db/seed';
import { findResidentAccessLog } from '../../api/src/audit/access-log.js';
import type { AuditRecordInput } from '../../api/src/audit/chain.js';
import { AuditSequencer } from '../../api/src/audit/sequencer.js';
import { residentFieldCategory } from '../../api/src/graphql/field-categories.js';
import { createTestDatabase } from '../fixtures/database.js';
import { POSTGRES_URL } from './harness.js';

const BATCH = 10_000;
const SAMPLES = 300;
const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'streetAddress', 'postalCode'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

export async function benchScale(options: { residents: number; events: number }) {
  const db = await createTestDatabase({ postgresUrl: POSTGRES_URL, poolSize: 4 });
  try {
    const picKeys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };
    let started = performance.now();
    await seedDatabase(db.prisma, { residents: options.residents, picKeys });
    const seedSeconds = (performance.now() - started) / 1000;

    const residentIds = (await db.prisma.resident.findMany({ select: { id: true } })).map((r) => r.id);
    const organisations = (await db.prisma.organisation.findMany({ select: { id: true } })).map((o) => o.id);
    const sequencer = new AuditSequencer(db.prisma, { maxBatch: BATCH });
    // A year of reads, oldest first, so occurredAt grows with seq as it does in service.
    const yearAgo = Date.now() - 365 * 86_400_000;
    const step = (365 * 86_400_000) / Math.max(1, options.events);
    started = performance.now();
    for (let written = 0; written < options.events; written += BATCH) {
      const records: AuditRecordInput[] = [];
      for (let i = written; i < Math.min(options.events, written + BATCH); i++) {
        records.push({
          occurredAt: new Date(yearAgo + i * step),
          actorKind: 'SERVICE',
          actorId: null,
          organisationId: organisations[i % organisations.length] ?? null,
          serviceId: null,
          purposeId: null,
          purposeVersionId: null,
          residentId: residentIds[(i * 7_919) % residentIds.length] ?? null,
          operation: 'Query.residents',
          outcome: 'ALLOWED',
          fieldsReturned: FIELDS,
          fieldsDenied: [],
          reason: null,
          requestId: randomUUID(),
        });
      }
      await sequencer.append(records);
    }
    const appendSeconds = (performance.now() - started) / 1000;

    const timings: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const residentId = residentIds[Math.floor(Math.random() * residentIds.length)] as string;
      const t0 = performance.now();
      await findResidentAccessLog(db.prisma, {
        residentId,
        forResident: true,
        now: new Date(),
        categoryOf: residentFieldCategory,
        first: 50,
      });
      timings.push(performance.now() - t0);
    }
    timings.sort((a, b) => a - b);
    return {
      name: 'scale on PostgreSQL',
      residents: options.residents,
      auditEvents: options.events,
      seedSeconds,
      auditAppendEventsPerSecond: options.events / appendSeconds,
      accessLogP50Ms: percentile(timings, 0.5),
      accessLogP95Ms: percentile(timings, 0.95),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await db.drop();
  }
}
