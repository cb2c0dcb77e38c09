// Rotating the hub keys is audited (keys.rotate, the operator as the SYSTEM actor) in one
// transaction with the rotation: a failed audit insert rotates nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { createHubContext, createMemoryHubKeys } from '../../../api/src/auth/index.js';
import { purgeHubKey, rotateHubKeys } from '../../../api/src/hub-keys/rotate-hub-keys.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const OPERATOR = { kind: 'SYSTEM', id: 'cli:keys-rotate:operator' } as const;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('keys.rotate', () => {
  it('records the key that starts signing, by the operator, in the chain', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    const incoming = keys.listKeys().find((k) => k.state === 'next')?.kid;
    const summary = await rotateHubKeys({
      prisma: db.prisma,
      keys,
      actor: OPERATOR,
      requestId: 'cli-test-1',
      now: NOW,
    });
    expect(summary.find((k) => k.state === 'current')?.kid).toBe(incoming);
    const events = await db.prisma.auditEvent.findMany({ where: { kind: 'keys.rotate' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorKind: 'SYSTEM',
      actorId: 'cli:keys-rotate:operator',
      requestId: 'cli-test-1',
      payload: { kid: incoming },
    });
    const hub = createHubContext({
      keys,
      issuer: 'http://localhost:4000',
      graphqlUrl: 'http://localhost:4000/graphql',
    });
    expect((await verifyAuditLog(db.prisma, hub)).ok).toBe(true);
  });

  it('a failing audit insert rotates nothing', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    const before = keys.listKeys();
    // Only the owner may put a trigger on the audit table (PostgreSQL suite: app role).
    await db.owner.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_rotate_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'keys.rotate' THEN RAISE EXCEPTION 'audit insert failed (test)'; END IF;
        RETURN NEW;
      END $$`);
    await db.owner.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_rotate_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_rotate_audit()',
    );
    try {
      await expect(
        rotateHubKeys({ prisma: db.prisma, keys, actor: OPERATOR, requestId: 'cli-test-2', now: NOW }),
      ).rejects.toThrow(/audit insert failed/);
    } finally {
      await db.owner.prisma.$executeRawUnsafe('DROP TRIGGER refuse_rotate_audit ON "AuditEvent"');
      await db.owner.prisma.$executeRawUnsafe('DROP FUNCTION refuse_rotate_audit()');
    }
    await keys.refresh();
    expect(keys.listKeys()).toEqual(before);
    expect(await db.prisma.auditEvent.count({ where: { requestId: 'cli-test-2' } })).toBe(0);
  });

  it('records a purge of a retired key, and a refused purge records nothing', async () => {
    const keys = await createMemoryHubKeys({ now: NOW });
    const first = keys.listKeys().find((k) => k.state === 'current')?.kid as string;
    await rotateHubKeys({ prisma: db.prisma, keys, actor: OPERATOR, requestId: 'cli-test-3', now: NOW });
    const next = keys.listKeys().find((k) => k.state === 'next')?.kid as string;
    // A key that still signs or is about to is not purged, and nothing is recorded.
    await expect(
      purgeHubKey({ prisma: db.prisma, keys, actor: OPERATOR, requestId: 'cli-test-4', now: NOW, kid: next }),
    ).rejects.toThrow();
    expect(await db.prisma.auditEvent.count({ where: { requestId: 'cli-test-4' } })).toBe(0);

    const summary = await purgeHubKey({
      prisma: db.prisma,
      keys,
      actor: OPERATOR,
      requestId: 'cli-test-5',
      now: NOW,
      kid: first,
    });
    expect(summary.map((k) => k.kid)).not.toContain(first);
    const events = await db.prisma.auditEvent.findMany({ where: { requestId: 'cli-test-5' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'keys.purge',
      actorKind: 'SYSTEM',
      actorId: 'cli:keys-rotate:operator',
      payload: { kid: first },
    });
  });
});
