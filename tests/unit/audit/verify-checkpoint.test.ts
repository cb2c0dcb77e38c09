// Why a stored checkpoint is or is not trusted (verify-checkpoint.ts): each reason is its own
// kind, so a configuration mismatch is never reported as an altered record and an altered
// checkpoint is never excused as configuration. In-memory hub keys; no database.
import { describe, expect, it } from 'vitest';
import { checkpointAudience } from '../../../api/src/audit/checkpoint.js';
import { readCheckpointWith } from '../../../api/src/audit/verify-checkpoint.js';
import { type HubContext, signHubJws } from '../../../api/src/auth/index.js';
import { createTestHub, ISSUER, NOW } from '../auth/support/hub-fixture.js';

const HEAD = 'ab'.repeat(32);

async function checkpointBy(hub: HubContext, seq = 7n) {
  const payload = { seq: `${seq}`, headHash: HEAD, signedAt: NOW.toISOString() };
  const jws = await signHubJws(hub, { typ: 'audit-checkpoint+jwt', audience: checkpointAudience(hub), payload });
  return { seq, headHash: HEAD, jws };
}

describe('readCheckpointWith', () => {
  it('takes the issuer from the checkpoint when none is expected, and names who signed it', async () => {
    const hub = await createTestHub();
    const row = await checkpointBy(hub);
    const reading = await readCheckpointWith({ keys: hub.keys }, row);
    expect(reading).toMatchObject({ ok: true, checkpoint: { seq: 7n, headHash: HEAD }, issuer: ISSUER });
    expect(reading.kid).toMatch(/^[\w-]{43}$/);
    expect(await readCheckpointWith({ keys: hub.keys, issuer: ISSUER }, row)).toMatchObject({ ok: true });
  });

  it('reports another issuer as CHECKPOINT_ISSUER_MISMATCH', async () => {
    const hub = await createTestHub();
    const reading = await readCheckpointWith(
      { keys: hub.keys, issuer: 'https://other.example' },
      await checkpointBy(hub),
    );
    expect(reading).toMatchObject({ ok: false, kind: 'CHECKPOINT_ISSUER_MISMATCH', seq: 7n });
    expect(reading.ok || reading.message).toContain(
      `signed by issuer ${ISSUER}, but the expected issuer is https://other.example`,
    );
  });

  it('reports a key it does not hold, or no keys at all, as CHECKPOINT_UNKNOWN_KEY', async () => {
    const row = await checkpointBy(await createTestHub());
    const other = await createTestHub();
    expect(await readCheckpointWith({ keys: other.keys }, row)).toMatchObject({ kind: 'CHECKPOINT_UNKNOWN_KEY' });
    expect(await readCheckpointWith({ keys: undefined }, row)).toMatchObject({ kind: 'CHECKPOINT_UNKNOWN_KEY' });
  });

  it('reports an altered checkpoint as CHECKPOINT_INVALID', async () => {
    const hub = await createTestHub();
    const row = await checkpointBy(hub);
    const [header, payload, signature] = row.jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, seq: '9' })).toString('base64url');
    const cases = [
      { ...row, seq: 8n }, // the unsigned column edited
      { ...row, jws: `${header}.${forged}.${signature}` }, // the payload edited
      { ...row, jws: 'not a jws' },
    ];
    for (const altered of cases) {
      expect(await readCheckpointWith({ keys: hub.keys }, altered)).toMatchObject({
        ok: false,
        kind: 'CHECKPOINT_INVALID',
      });
    }
  });
});
