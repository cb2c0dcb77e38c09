// A signed checkpoint is only evidence if its signature is the hub's. Someone with owner
// rights on the database can replace the newest checkpoint row: with one signed by another
// key for the true head, or — after rewriting a record and rehashing — with one naming the
// new head under a re-made signature. The log verification (what `pnpm audit:verify` and
// the auditors' verifyAuditChain run) must refuse to call the log intact in each case and
// name the checkpoint as the reason (its key unknown, or its signature invalid), and must
// still pass the untouched log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAuditHash } from '../../../api/src/audit/chain.js';
import { checkpointAudience } from '../../../api/src/audit/checkpoint.js';
import { fromRow, verifyAuditLog } from '../../../api/src/audit/verify-log.js';
import { createHubContext, createMemoryHubKeys, signHubJws } from '../../../api/src/auth/index.js';
import { BASE_URL, createTestApp, dataOf, type TestApp } from '../../fixtures/app.js';
import { createEd25519Key, decodePart, forgeJws } from '../../unit/auth/support/forge-jws.js';

type CheckpointRow = { seq: bigint; headHash: string; signedAt: Date; jws: string };

describe('forged audit checkpoints', () => {
  let t: TestApp;
  let genuine: CheckpointRow;

  beforeAll(async () => {
    t = await createTestApp({ residents: 6, checkpointPolicy: { everyEvents: 1, everyMs: 3_600_000 } });
    const client = await t.registerServiceClient('daycare');
    const { body } = await t.graphql(
      '{ residents(first: 3) { edges { node { firstName } } } }',
      {},
      await client.token('daycare-application'),
    );
    expect(dataOf(body)).toBeTruthy();
    genuine = await t.db.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { seq: 'desc' } });
  });
  afterAll(() => t.close());

  /** What an owner of the database can do: swap the newest checkpoint row, triggers off. */
  async function replaceNewestCheckpoint(row: CheckpointRow): Promise<void> {
    const prisma = t.db.owner.prisma;
    await prisma.$transaction([
      prisma.$executeRawUnsafe('ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER'),
      prisma.auditCheckpoint.delete({ where: { seq: row.seq } }),
      prisma.auditCheckpoint.create({ data: row }),
      prisma.$executeRawUnsafe('ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_append_only'),
      prisma.$executeRawUnsafe('ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER audit_checkpoint_no_truncate'),
    ]);
  }

  /** A JWS with the genuine header (the hub's kid) and this payload, signed by another key. */
  function resign(payload: Record<string, unknown>): Promise<string> {
    return forgeJws(decodePart(genuine.jws, 0), payload, createEd25519Key().signer);
  }

  /** The log is not called intact, and the checkpoint is named as the reason. */
  async function expectCheckpointRefused(kind: 'CHECKPOINT_INVALID' | 'CHECKPOINT_UNKNOWN_KEY'): Promise<void> {
    const result = await verifyAuditLog(t.db.prisma, t.hub);
    expect(result).toMatchObject({ ok: false, kind, checkpointSeq: genuine.seq });
    expect('message' in result && result.message).toContain(`the checkpoint at ${genuine.seq}`);
  }

  it('the untouched log verifies against its newest checkpoint', async () => {
    const events = await t.db.prisma.auditEvent.count();
    expect(genuine.seq).toBe(BigInt(events));
    expect(await verifyAuditLog(t.db.prisma, t.hub)).toMatchObject({
      ok: true,
      verified: events,
      checkpointSeq: genuine.seq,
    });
  });

  it('refuses the true head signed by another key under the hub’s kid', async () => {
    await replaceNewestCheckpoint({ ...genuine, jws: await resign(decodePart(genuine.jws, 1)) });
    try {
      await expectCheckpointRefused('CHECKPOINT_INVALID');
    } finally {
      await replaceNewestCheckpoint(genuine);
    }
  });

  it('refuses the true head signed by another hub key with its own kid', async () => {
    const other = createHubContext({
      keys: await createMemoryHubKeys({ now: t.clock.now }),
      issuer: BASE_URL,
      graphqlUrl: `${BASE_URL}/graphql`,
    });
    const payload = decodePart(genuine.jws, 1);
    const jws = await signHubJws(
      other,
      {
        typ: 'audit-checkpoint+jwt',
        audience: checkpointAudience(t.hub),
        payload: { seq: payload.seq, headHash: payload.headHash, signedAt: payload.signedAt },
      },
      { now: t.clock.now },
    );
    await replaceNewestCheckpoint({ ...genuine, jws });
    try {
      await expectCheckpointRefused('CHECKPOINT_UNKNOWN_KEY');
    } finally {
      await replaceNewestCheckpoint(genuine);
    }
  });

  it('refuses a rewritten record whose new head was re-signed with another key', async () => {
    const prisma = t.db.owner.prisma;
    const last = await prisma.auditEvent.findUniqueOrThrow({ where: { seq: genuine.seq } });
    // The rewrite: the record no longer says which fields were returned; its hash is redone
    // so the chain itself is consistent again, and only the checkpoint can tell.
    const rewritten = { ...fromRow(last), fieldsReturned: [] as string[] };
    const hash = computeAuditHash(rewritten.prevHash, rewritten.seq, rewritten);
    expect(hash).not.toBe(genuine.headHash);
    await prisma.$transaction([
      prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER USER'),
      prisma.auditEvent.update({ where: { seq: last.seq }, data: { fieldsReturned: [], hash } }),
      prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_append_only'),
      prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER audit_event_no_truncate'),
    ]);
    // Without a new checkpoint the rewrite shows against the genuine one.
    expect(await verifyAuditLog(prisma, t.hub)).toMatchObject({ ok: false });
    await replaceNewestCheckpoint({
      ...genuine,
      headHash: hash,
      jws: await resign({ ...decodePart(genuine.jws, 1), headHash: hash }),
    });
    await expectCheckpointRefused('CHECKPOINT_INVALID');
  });
});
