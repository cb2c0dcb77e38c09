// The hub-key wiring of checkpoints (checkpoint.ts): the sequencer's after-append hook signs
// heads as the policy asks, and a stored checkpoint is trusted only for what its signature
// says. Uses the in-memory hub keys of the auth tests; no database.
import type { Prisma } from '@lupa/db';
import { describe, expect, it } from 'vitest';
import { checkpointAudience, createCheckpointer, readSignedCheckpoint } from '../../../api/src/audit/checkpoint.js';
import { signHubJws } from '../../../api/src/auth/index.js';
import { createEd25519Key, decodePart, forgeJws } from '../auth/support/forge-jws.js';
import { createTestHub, NOW, toSeconds } from '../auth/support/hub-fixture.js';

type CheckpointRow = { seq: bigint; headHash: string; signedAt: Date; jws: string };
const hashOf = (n: number) => n.toString(16).padStart(64, '0');

/** Stands in for the appending transaction: collects the checkpoint rows it would insert. */
function recordingTx() {
  const rows: CheckpointRow[] = [];
  const tx = { auditCheckpoint: { create: async ({ data }: { data: CheckpointRow }) => rows.push(data) } };
  return { rows, tx: tx as unknown as Prisma.TransactionClient };
}

describe('createCheckpointer', () => {
  it('signs the head once the policy asks, and the stored row reads back as signed', async () => {
    const hub = await createTestHub();
    let now = NOW;
    const checkpointer = createCheckpointer(hub, { everyEvents: 3, everyMs: 60_000 }, () => now);
    const { rows, tx } = recordingTx();
    for (const seq of [1n, 2n, 3n, 4n]) {
      now = new Date(now.getTime() + 1_234);
      await checkpointer(tx, { head: { seq, hash: hashOf(Number(seq)) }, count: 1 });
    }
    expect(rows.map((row) => row.seq)).toEqual([3n]);
    const [row] = rows as [CheckpointRow];
    expect(row).toMatchObject({ headHash: hashOf(3), signedAt: new Date(NOW.getTime() + 3 * 1_234) });
    expect(await readSignedCheckpoint(hub, row)).toEqual({ seq: 3n, headHash: hashOf(3), signedAt: row.signedAt });
    // Signed at the checkpointer's instant, not the machine's: iat is what old checkpoints fall back on.
    expect(decodePart(row.jws, 1).iat).toBe(toSeconds(row.signedAt));

    now = new Date(now.getTime() + 60_000); // a quiet minute with one event since
    await checkpointer(tx, { head: { seq: 5n, hash: hashOf(5) }, count: 1 });
    expect(rows.map((r) => r.seq)).toEqual([3n, 5n]);
  });

  it('signs after a write at once, whatever the policy; a failed one is owed to the next batch', async () => {
    const hub = await createTestHub();
    const checkpointer = createCheckpointer(hub, { everyEvents: 1000, everyMs: 3_600_000 }, () => NOW);
    const { rows, tx } = recordingTx();
    await checkpointer.afterWrite(tx, { head: { seq: 1n, hash: hashOf(1) }, count: 1 });
    expect(rows.map((r) => r.seq)).toEqual([1n]);
    // The policy alone would wait for 1000 events or an hour.
    await checkpointer(tx, { head: { seq: 2n, hash: hashOf(2) }, count: 1 });
    expect(rows.map((r) => r.seq)).toEqual([1n]);

    const failing = {
      auditCheckpoint: {
        create: async () => {
          throw new Error('disk full');
        },
      },
    } as unknown as Prisma.TransactionClient;
    await expect(checkpointer.afterWrite(failing, { head: { seq: 3n, hash: hashOf(3) }, count: 1 })).rejects.toThrow(
      'disk full',
    );
    // Retried: the next batch signs though the policy is not due, and only that once.
    await checkpointer(tx, { head: { seq: 4n, hash: hashOf(4) }, count: 1 });
    await checkpointer(tx, { head: { seq: 5n, hash: hashOf(5) }, count: 1 });
    expect(rows.map((r) => r.seq)).toEqual([1n, 4n]);
  });

  it('refuses a row whose seq or hash was edited after signing', async () => {
    const hub = await createTestHub();
    const { rows, tx } = recordingTx();
    await createCheckpointer(
      hub,
      { everyEvents: 1, everyMs: 60_000 },
      () => NOW,
    )(tx, {
      head: { seq: 7n, hash: hashOf(7) },
      count: 1,
    });
    const [row] = rows as [CheckpointRow];
    await expect(readSignedCheckpoint(hub, { ...row, seq: 9n })).rejects.toThrow(/does not match its own signature/);
    await expect(readSignedCheckpoint(hub, { ...row, headHash: hashOf(8) })).rejects.toThrow(/does not match/);
  });
});

describe('readSignedCheckpoint', () => {
  it('reads checkpoints signed before signedAt was in the payload from their signed iat', async () => {
    const hub = await createTestHub();
    const payload = { seq: '5', headHash: hashOf(5) };
    const jws = await signHubJws(
      hub,
      { typ: 'audit-checkpoint+jwt', audience: checkpointAudience(hub), payload },
      { now: NOW },
    );
    expect(await readSignedCheckpoint(hub, { seq: 5n, headHash: hashOf(5), jws })).toEqual({
      seq: 5n,
      headHash: hashOf(5),
      signedAt: NOW,
    });
  });

  it('refuses another kind of hub statement carrying the same claims', async () => {
    const hub = await createTestHub();
    const jws = await signHubJws(
      hub,
      {
        typ: 'webhook+jwt',
        audience: checkpointAudience(hub),
        payload: { seq: '5', headHash: hashOf(5), signedAt: NOW.toISOString() },
      },
      { now: NOW },
    );
    await expect(readSignedCheckpoint(hub, { seq: 5n, headHash: hashOf(5), jws })).rejects.toThrow();
  });

  it('refuses a checkpoint whose signature was made by another key under the hub’s kid', async () => {
    const hub = await createTestHub();
    const { rows, tx } = recordingTx();
    await createCheckpointer(
      hub,
      { everyEvents: 1, everyMs: 60_000 },
      () => NOW,
    )(tx, {
      head: { seq: 4n, hash: hashOf(4) },
      count: 1,
    });
    const [row] = rows as [CheckpointRow];
    const header = decodePart(row.jws, 0);
    const payload = decodePart(row.jws, 1);
    const attacker = createEd25519Key().signer;
    // The same statement, and a changed head, each re-signed: header and claims are all
    // well-formed, so only the signature check can refuse them.
    const sameHead = await forgeJws(header, payload, attacker);
    await expect(readSignedCheckpoint(hub, { ...row, jws: sameHead })).rejects.toThrow();
    const newHead = await forgeJws(header, { ...payload, headHash: hashOf(9) }, attacker);
    await expect(readSignedCheckpoint(hub, { ...row, headHash: hashOf(9), jws: newHead })).rejects.toThrow();
    expect(await readSignedCheckpoint(hub, row)).toMatchObject({ seq: 4n, headHash: hashOf(4) });
  });
});
