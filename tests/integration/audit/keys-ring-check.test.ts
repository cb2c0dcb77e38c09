// The ring check (check-hub-keys.ts): the whole ring on storage is compared with the ring the
// keys.* records leave. A restored ring, a swapped next key and a rotation without its record
// are keys.unrecorded_change (DENIED) — not a late keys.create — until a named operator
// acknowledges the ring; the audited path raises nothing, and older records without kid lists
// are compared only as far as they tell. Each test has its own database: the check reads the
// whole log, and production has one ring per database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditInTransaction, auditEvent } from '../../../api/src/audit/audited-transaction.js';
import { verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import {
  createHubContext,
  createMemoryHubKeyStorage,
  generateFirstHubKeyRing,
  type HubKeyStorage,
  HubKeys,
} from '../../../api/src/auth/index.js';
import { acknowledgeHubKeyChange, checkHubKeys } from '../../../api/src/hub-keys/check-hub-keys.js';
import { createHubKeys } from '../../../api/src/hub-keys/create-hub-keys.js';
import { ringKidsOf } from '../../../api/src/hub-keys/ring-state.js';
import { purgeHubKey, rotateHubKeys } from '../../../api/src/hub-keys/rotate-hub-keys.js';
import { createTestDatabase, type TestDatabase } from '../../fixtures/database.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const OPERATOR = { kind: 'SYSTEM', id: 'cli:keys-rotate:operator' } as const;

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

let requests = 0;
const operator = () => ({ prisma: db.prisma, actor: OPERATOR, requestId: `ring-${++requests}`, now: NOW });
const keyRecords = () =>
  db.prisma.auditEvent.findMany({ where: { kind: { startsWith: 'keys.' } }, orderBy: { seq: 'asc' } });
const kindsRecorded = async () => (await keyRecords()).map((r) => r.kind);
const ring = (keys: HubKeys) => ringKidsOf(keys.listKeys());
const hubOf = (keys: HubKeys) =>
  createHubContext({ keys, issuer: 'http://localhost:4000', graphqlUrl: 'http://localhost:4000/graphql' });

async function createdRing(): Promise<{ storage: HubKeyStorage; keys: HubKeys }> {
  const storage = createMemoryHubKeyStorage();
  const { keys } = await createHubKeys({ ...operator(), storage });
  return { storage, keys };
}

/** Expects exactly one keys.unrecorded_change, DENIED, naming `expected` and what `keys` holds. */
async function expectOneUnrecordedChange(keys: HubKeys, expected: unknown) {
  const changes = (await keyRecords()).filter((r) => r.kind === 'keys.unrecorded_change');
  expect(changes).toEqual([expect.objectContaining({ outcome: 'DENIED', payload: { expected, found: ring(keys) } })]);
}

describe('the hub key ring check', () => {
  it('create → rotate → rotate → purge, audited, raises nothing and records every ring', async () => {
    const { keys } = await createdRing();
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    await rotateHubKeys({ ...operator(), keys });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    await rotateHubKeys({ ...operator(), keys });
    const retired = keys.listKeys().filter((k) => k.state === 'retired');
    expect(retired).toHaveLength(2);
    await purgeHubKey({ ...operator(), keys, kid: retired[0]?.kid as string });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    // Each record carries the whole ring after its change; the last is the ring on storage.
    const records = await keyRecords();
    expect(records.map((r) => r.kind)).toEqual(['keys.create', 'keys.rotate', 'keys.rotate', 'keys.purge']);
    expect(records.at(-1)?.payload).toMatchObject({ ring: ring(keys) });
    expect((await verifyAuditLog(db.prisma, hubOf(keys))).ok).toBe(true);
  });

  it('(a) the first ring written back after two audited rotations is an unrecorded change, recorded once', async () => {
    const { storage, keys } = await createdRing();
    const firstRing = await storage.read();
    await rotateHubKeys({ ...operator(), keys });
    await rotateHubKeys({ ...operator(), keys });
    const recorded = ring(keys);
    await storage.write(firstRing as NonNullable<typeof firstRing>); // a backup restored
    await keys.refresh();

    const check = await checkHubKeys({ ...operator(), keys });
    expect(check).toEqual({ status: 'unrecorded-change', expected: recorded, found: ring(keys) });
    await expectOneUnrecordedChange(keys, recorded);
    // Still unresolved on the next start, but the same ring is not recorded twice.
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('unrecorded-change');
    await expectOneUnrecordedChange(keys, recorded);
    expect(await kindsRecorded()).not.toContain('keys.change_acknowledged');
  });

  it('(a) a swapped next key, and a purged key brought back, are unrecorded changes', async () => {
    const { storage, keys } = await createdRing();
    await rotateHubKeys({ ...operator(), keys });
    const beforePurge = await storage.read();
    await purgeHubKey({ ...operator(), keys, kid: ring(keys).retired[0] as string });
    const recorded = ring(keys);
    await storage.write(beforePurge as NonNullable<typeof beforePurge>);
    await keys.refresh();
    expect(await checkHubKeys({ ...operator(), keys })).toMatchObject({
      status: 'unrecorded-change',
      expected: recorded,
    });

    // Only the next key replaced (the current one still signs, as recorded).
    const { storage: other, keys: swapped } = await createdRing();
    const stored = (await other.read()) as NonNullable<Awaited<ReturnType<HubKeyStorage['read']>>>;
    const stranger = await generateFirstHubKeyRing(NOW);
    const strangerNext = stranger.stored.records.find((r) => r.state === 'next');
    const records = stored.records.map((r) => (r.state === 'next' ? (strangerNext as typeof r) : r));
    const privateJwks = new Map(stored.privateJwks);
    privateJwks.set(stranger.nextKid, stranger.stored.privateJwks.get(stranger.nextKid) as never);
    const recordedNext = ring(swapped).next;
    await other.write({ records, privateJwks });
    await swapped.refresh();
    expect(ring(swapped).next).toBe(stranger.nextKid);
    const check = await checkHubKeys({ ...operator(), keys: swapped });
    expect(check).toMatchObject({ status: 'unrecorded-change', expected: { next: recordedNext } });
  });

  it('(b) a rotation without its record is an unrecorded change, not a late keys.create', async () => {
    const { keys } = await createdRing();
    const recorded = ring(keys);
    await keys.rotateKeys({ now: NOW }); // the files changed, the record lost
    const check = await checkHubKeys({ ...operator(), keys });
    expect(check).toEqual({ status: 'unrecorded-change', expected: recorded, found: ring(keys) });
    expect(await kindsRecorded()).toEqual(['keys.create', 'keys.unrecorded_change']);
    expect((await keyRecords())[0]?.payload).toMatchObject({ recordedLate: false });
    await expectOneUnrecordedChange(keys, recorded);
  });

  it('a named operator acknowledges the ring found; then it checks clean and rotates as usual', async () => {
    const { keys } = await createdRing();
    await expect(acknowledgeHubKeyChange({ ...operator(), keys, operator: ' ' })).rejects.toThrow(/operator/);
    // Nothing differs yet: nothing to acknowledge, nothing written.
    expect((await acknowledgeHubKeyChange({ ...operator(), keys, operator: 'Aino Virtanen' })).status).toBe('recorded');
    const recorded = ring(keys);
    await keys.rotateKeys({ now: NOW });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('unrecorded-change');

    const acknowledged = await acknowledgeHubKeyChange({ ...operator(), keys, operator: 'Aino Virtanen' });
    expect(acknowledged.status).toBe('unrecorded-change');
    expect((await keyRecords()).at(-1)).toMatchObject({
      kind: 'keys.change_acknowledged',
      outcome: 'ALLOWED',
      actorId: OPERATOR.id,
      payload: { operator: 'Aino Virtanen', expected: recorded, found: ring(keys) },
    });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    await rotateHubKeys({ ...operator(), keys });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    expect(await kindsRecorded()).toEqual([
      'keys.create',
      'keys.unrecorded_change',
      'keys.change_acknowledged',
      'keys.rotate',
    ]);
    expect((await verifyAuditLog(db.prisma, hubOf(keys))).ok).toBe(true);
  });

  it('acknowledging directly records the unrecorded change first, then the acknowledgement', async () => {
    const { keys } = await createdRing();
    await keys.rotateKeys({ now: NOW });
    await acknowledgeHubKeyChange({ ...operator(), keys, operator: 'Aino Virtanen' });
    expect(await kindsRecorded()).toEqual(['keys.create', 'keys.unrecorded_change', 'keys.change_acknowledged']);
  });

  describe('records written before the rings were recorded (kids only)', () => {
    /** Appends a record as the code before the ring check wrote it. */
    async function legacy(kind: 'keys.create' | 'keys.rotate' | 'keys.purge', payload: Record<string, unknown>) {
      await db.prisma.$transaction((tx) =>
        appendAuditInTransaction(tx, [auditEvent(operator(), { kind, payload } as never)]),
      );
    }
    async function legacyRing() {
      const storage = createMemoryHubKeyStorage();
      const keys = await HubKeys.open(storage, { now: NOW });
      return { storage, keys };
    }

    it('create, rotate and purge recorded the old way raise nothing, and keep verifying', async () => {
      const { keys } = await legacyRing();
      await legacy('keys.create', { kid: ring(keys).current, nextKid: ring(keys).next, recordedLate: false });
      expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
      for (const _ of [1, 2]) {
        await keys.rotateKeys({ now: NOW });
        await legacy('keys.rotate', { kid: ring(keys).current });
        expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
      }
      const purged = ring(keys).retired[0] as string;
      await keys.purgeKey(purged);
      await legacy('keys.purge', { kid: purged });
      expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
      expect(await kindsRecorded()).toEqual(['keys.create', 'keys.rotate', 'keys.rotate', 'keys.purge']);
      expect((await verifyAuditLog(db.prisma, hubOf(keys))).ok).toBe(true);
    });

    it('a late keys.create of old (no retired kids written) and a lone old rotation raise nothing', async () => {
      const { keys } = await legacyRing();
      await keys.rotateKeys({ now: NOW });
      await legacy('keys.create', { kid: ring(keys).current, nextKid: ring(keys).next, recordedLate: true });
      expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
      await keys.rotateKeys({ now: NOW });
      await legacy('keys.rotate', { kid: ring(keys).current });
      expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
    });

    it('what they do tell is still compared: an old current key signing again is an unrecorded change', async () => {
      const { storage, keys } = await legacyRing();
      const firstRing = await storage.read();
      await legacy('keys.create', { kid: ring(keys).current, nextKid: ring(keys).next, recordedLate: false });
      await keys.rotateKeys({ now: NOW });
      await legacy('keys.rotate', { kid: ring(keys).current });
      const rotatedTo = ring(keys).current;
      await storage.write(firstRing as NonNullable<typeof firstRing>);
      await keys.refresh();
      expect(await checkHubKeys({ ...operator(), keys })).toMatchObject({
        status: 'unrecorded-change',
        expected: { current: rotatedTo, next: null },
      });
    });
  });

  it('a ring with no keys.* record at all is recorded as keys.create, late, with its whole ring', async () => {
    const { keys } = await (async () => {
      const storage = createMemoryHubKeyStorage();
      return { keys: await HubKeys.open(storage, { now: NOW }) };
    })();
    await keys.rotateKeys({ now: NOW });
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded-late');
    expect(await keyRecords()).toEqual([
      expect.objectContaining({
        kind: 'keys.create',
        actorId: OPERATOR.id,
        payload: { kid: ring(keys).current, nextKid: ring(keys).next, recordedLate: true, ring: ring(keys) },
      }),
    ]);
    expect((await checkHubKeys({ ...operator(), keys })).status).toBe('recorded');
  });
});
