// A write's audit record is committed in the write's own transaction, outside the
// sequencer's batches: the checkpoint that vouches for it is signed right after the commit,
// before the caller hears of it, whatever the checkpoint policy. A failed signature does not
// fail the write.
import { organisationId } from '@lupa/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignedCheckpoint } from '../../../api/src/audit/checkpoint.js';
import { encodeId } from '../../../api/src/graphql/ids.js';
import { createTestApp, type TestApp } from '../../fixtures/app.js';

const REGISTER = `mutation($input: RegisterServiceInput!) { registerService(input: $input) { __typename } }`;

let t: TestApp;
const logLines: string[] = [];
let admin: { token: string; officerId: string };

beforeAll(async () => {
  // The default policy: a sequencer batch alone would wait for 1000 events or a minute.
  t = await createTestApp({ residents: 0, logLines });
  admin = await t.officerToken('ADMIN');
});
afterAll(() => t.close());

async function registerService(clientId: string) {
  const { body } = await t.graphql<{ registerService: { __typename: string } }>(
    REGISTER,
    {
      input: { organisationId: encodeId('Organisation', organisationId('adult-education')), clientId, name: 'Kurssit' },
    },
    admin.token,
  );
  return body.data?.registerService.__typename;
}

async function seqOfRegistration(clientId: string): Promise<bigint> {
  const events = await t.db.prisma.auditEvent.findMany({ where: { kind: 'service.register' } });
  const event = events.find((e) => (e.payload as { clientId: string }).clientId === clientId);
  if (!event) throw new Error(`no service.register for ${clientId}`);
  return event.seq;
}

describe('a checkpoint after each audited write', () => {
  it('the newest signed checkpoint covers an admin write as soon as it is answered', async () => {
    expect(await registerService('checkpointed-1')).toBe('MutationRegisterServiceSuccess');
    const seq = await seqOfRegistration('checkpointed-1');
    const newest = await t.db.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(newest.seq).toBeGreaterThanOrEqual(seq);
    const event = await t.db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: newest.seq } });
    expect(await readSignedCheckpoint(t.hub, newest)).toMatchObject({ seq: newest.seq, headHash: event.hash });
  });

  it('a failed checkpoint is logged and the write stands; the next write is covered again', async () => {
    // Only the owner may put a trigger on the checkpoint table (PostgreSQL suite: app role).
    await t.db.owner.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_test_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'checkpoint insert failed (test)'; END $$`);
    await t.db.owner.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_test_checkpoint BEFORE INSERT ON "AuditCheckpoint" FOR EACH ROW EXECUTE FUNCTION refuse_test_checkpoint()',
    );
    try {
      expect(await registerService('uncheckpointed')).toBe('MutationRegisterServiceSuccess');
    } finally {
      await t.db.owner.prisma.$executeRawUnsafe('DROP TRIGGER refuse_test_checkpoint ON "AuditCheckpoint"');
      await t.db.owner.prisma.$executeRawUnsafe('DROP FUNCTION refuse_test_checkpoint()');
    }
    expect(await t.db.prisma.service.count({ where: { clientId: 'uncheckpointed' } })).toBe(1);
    expect(logLines.some((line) => line.includes('audit checkpoint after a write not written'))).toBe(true);
    const newest = await t.db.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(newest.seq).toBeLessThan(await seqOfRegistration('uncheckpointed'));

    expect(await registerService('checkpointed-2')).toBe('MutationRegisterServiceSuccess');
    const covered = await t.db.prisma.auditCheckpoint.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(covered.seq).toBeGreaterThanOrEqual(await seqOfRegistration('checkpointed-2'));
  });
});
