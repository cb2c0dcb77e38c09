// The first-start demo history: a new officer's dashboard and audit explorer have something
// to show, and it is ordinary chained audit data that `audit:verify` accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPicKeys } from '@lupa/db';
import { seedDatabase } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAuditHistory } from '../../../api/src/audit/demo-history.js';
import {
  AUDIT_EVENT_PAYLOADS,
  type AuditEventKind,
  auditEventGroup,
  isAuditEventKind,
} from '../../../api/src/audit/event-kinds.js';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { createMemoryHubKeys } from '../../../api/src/auth/index.js';
import { DEMO_OFFICERS } from '../../../api/src/officers/demo.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');

describe('demo audit history', () => {
  let db: TestDatabase;
  let dataDir: string;
  let written: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'lupa-history-'));
    await seedDatabase(db.prisma, { residents: 300, picKeys: loadPicKeys(dataDir) });
    await db.prisma.officer.createMany({ data: DEMO_OFFICERS.map((o) => ({ ...o, passwordHash: 'unused' })) });
    written = await seedDemoAuditHistory(db, { now: NOW });
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes weeks of service reads, reasoned officer lookups and administration, in time order', async () => {
    const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(events).toHaveLength(written);
    const times = events.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const days = new Set(events.map((e) => e.occurredAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(15);
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());

    const reads = events.filter((e) => e.actorKind === 'SERVICE');
    expect(reads.length).toBeGreaterThan(300);
    expect(new Set(reads.map((e) => e.organisationId)).size).toBeGreaterThan(1);
    // A service only reads residents who consented to its purpose version.
    for (const read of reads.slice(0, 50)) {
      const consent = await db.prisma.consent.findFirst({
        where: { residentId: read.residentId as string, purposeVersionId: read.purposeVersionId as string },
      });
      expect(consent).not.toBeNull();
    }

    expect(reads.every((e) => e.kind === 'resident.read' && e.payload === null)).toBe(true);
    const lookups = events.filter((e) => e.kind === 'resident.lookup');
    expect(lookups.length).toBeGreaterThan(3);
    for (const lookup of lookups) {
      expect(lookup).toMatchObject({ actorKind: 'OFFICER', reason: expect.stringMatching(/\w{5,}/) });
      expect(lookup.residentId).not.toBeNull();
    }
    // Every record has a kind from the typed list and a payload its schema accepts.
    for (const event of events) {
      expect(event.kind !== null && isAuditEventKind(event.kind), String(event.kind)).toBe(true);
      const schema = AUDIT_EVENT_PAYLOADS[event.kind as AuditEventKind];
      expect(schema.safeParse(event.payload).success, `${event.kind} ${JSON.stringify(event.payload)}`).toBe(true);
    }
    const administration = events.filter((e) => auditEventGroup(e.kind) === 'administration');
    expect(administration.length).toBeGreaterThan(0);
    expect(administration.every((e) => e.actorKind === 'OFFICER' && e.operation === e.kind)).toBe(true);
  });

  it('is in the one hash chain: the log verifies', async () => {
    expect(await verifyAuditLog(db.prisma, { keys: await createMemoryHubKeys() })).toMatchObject({
      ok: true,
      verified: written,
      checkpointSeq: null,
    });
  });

  it('is written once', async () => {
    expect(await seedDemoAuditHistory(db, { now: NOW })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(written);
  });
});
