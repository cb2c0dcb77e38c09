// What someone with write access to the audit table (the owner role, a restored backup, a
// raw disk edit) can do to the stored rows, and where verification says the history broke.
// The rule: the first broken link is the altered row itself, except when the attacker
// recomputed that row's hash, in which case it is the next row, whose prevHash still
// holds the original (or, at the very end of the log, the signed checkpoint).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedAuditRecord, chainRecords, GENESIS_HEAD, verifyChain } from '../../../api/src/audit/index.js';
import {
  auditRecordArb,
  CONTENT_FIELDS,
  chainArb,
  editColumn,
  isContentField,
  pagesOf,
  rehash,
  replaceAt,
  STORED_FIELDS,
  type StoredField,
} from './support/audit-arbitraries.js';

/** A chain, one row of it, and a number to vary the edit by. */
const chainAndRow = chainArb.chain((records) =>
  fc.record({ records: fc.constant(records), index: fc.nat({ max: records.length - 1 }), variant: fc.nat() }),
);
const row = (records: ChainedAuditRecord[], index: number) => records[index] as ChainedAuditRecord;
const tailCheckpoint = (records: ChainedAuditRecord[]) => {
  const last = records.at(-1) as ChainedAuditRecord;
  return { seq: last.seq, headHash: last.hash };
};

describe('a row changed in place', () => {
  it.each(CONTENT_FIELDS)('is found at exactly that row when %s changes', async (field) => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index, variant }) => {
        const target = row(records, index);
        const tampered = replaceAt(records, index, editColumn(target, field, variant));
        expect(await verifyChain(tampered)).toMatchObject({
          ok: false,
          kind: 'HASH_MISMATCH',
          firstBrokenSeq: target.seq,
          verified: index,
          actual: target.hash,
        });
      }),
    );
  });

  it('is found at that row when its stored hash, prevHash or seq changes', async () => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index, variant }) => {
        const target = row(records, index);
        const verdict = async (field: StoredField) =>
          verifyChain(replaceAt(records, index, editColumn(target, field, variant)));
        expect(await verdict('hash')).toMatchObject({ kind: 'HASH_MISMATCH', firstBrokenSeq: target.seq });
        expect(await verdict('prevHash')).toMatchObject({ kind: 'PREV_HASH_MISMATCH', firstBrokenSeq: target.seq });
        expect(await verdict('seq')).toMatchObject({ kind: 'SEQUENCE_GAP', firstBrokenSeq: target.seq });
      }),
    );
  });

  it('is reported, not thrown, when the row no longer has a canonical form', async () => {
    const records = chainRecords(GENESIS_HEAD, fc.sample(auditRecordArb, { numRuns: 4, seed: 7 }));
    const corrupt = { ...row(records, 2), fieldsDenied: [{ field: 'email', reason: 0.5 }] } as never;
    const result = await verifyChain(replaceAt(records, 2, corrupt));
    expect(result).toMatchObject({ ok: false, kind: 'HASH_MISMATCH', firstBrokenSeq: 3n, verified: 2 });
    expect(result).not.toHaveProperty('expected');
  });
});

describe('a row changed and rehashed', () => {
  it.each(CONTENT_FIELDS)('is found at the next row when %s changes', async (field) => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index, variant }) => {
        fc.pre(index < records.length - 1);
        const target = row(records, index);
        const forged = rehash(editColumn(target, field, variant));
        expect(await verifyChain(replaceAt(records, index, forged))).toMatchObject({
          ok: false,
          kind: 'PREV_HASH_MISMATCH',
          firstBrokenSeq: target.seq + 1n,
          verified: index + 1,
          expected: forged.hash,
          actual: target.hash,
        });
      }),
    );
  });

  it('at the very end passes the chain alone and is caught by the signed checkpoint at that row', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, async (records) => {
        const last = records.length - 1;
        const forged = rehash(editColumn(row(records, last), 'fieldsReturned'));
        const tampered = replaceAt(records, last, forged);
        expect(await verifyChain(tampered)).toMatchObject({ ok: true });
        expect(await verifyChain(tampered, { checkpoint: tailCheckpoint(records) })).toMatchObject({
          ok: false,
          kind: 'HASH_MISMATCH',
          firstBrokenSeq: forged.seq,
          expected: row(records, last).hash,
          actual: forged.hash,
        });
      }),
    );
  });

  it('with every later row rehashed too, is caught at the signed checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index }) => {
        const target = row(records, index);
        const prefix = records.slice(0, index);
        const head = prefix.at(-1) ?? GENESIS_HEAD;
        const rewritten = [
          ...prefix,
          ...chainRecords(head, [editColumn(target, 'reason'), ...records.slice(index + 1)]),
        ];
        expect(await verifyChain(rewritten)).toMatchObject({ ok: true });
        const checkpoint = tailCheckpoint(records);
        expect(await verifyChain(rewritten, { checkpoint })).toMatchObject({
          ok: false,
          kind: 'HASH_MISMATCH',
          firstBrokenSeq: checkpoint.seq,
        });
      }),
    );
  });
});

describe('rows removed or reordered', () => {
  it('a removed middle row is a gap at its seq', async () => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index }) => {
        fc.pre(index < records.length - 1);
        const target = row(records, index);
        expect(await verifyChain(records.filter((_, i) => i !== index))).toMatchObject({
          ok: false,
          kind: 'SEQUENCE_GAP',
          firstBrokenSeq: target.seq,
          verified: index,
          expected: `${target.seq}`,
          actual: `${target.seq + 1n}`,
        });
      }),
    );
  });

  it('swapped rows are found at the lower seq, however they were swapped', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, fc.nat(), fc.nat(), async (records, a, b) => {
        const i = a % records.length;
        const j = b % records.length;
        fc.pre(i < j);
        const [first, second] = [row(records, i), row(records, j)];
        // Moved whole, seq and all: they arrive out of order.
        const moved = replaceAt(replaceAt(records, i, second), j, first);
        expect(await verifyChain(moved)).toMatchObject({ kind: 'SEQUENCE_GAP', firstBrokenSeq: first.seq });
        // Data columns exchanged under fixed seqs (what UPDATE statements would do).
        const swapData = (into: ChainedAuditRecord, from: ChainedAuditRecord) => ({
          ...from,
          seq: into.seq,
          prevHash: into.prevHash,
          hash: into.hash,
        });
        const exchanged = replaceAt(replaceAt(records, i, swapData(first, second)), j, swapData(second, first));
        expect(await verifyChain(exchanged)).toMatchObject({ kind: 'HASH_MISMATCH', firstBrokenSeq: first.seq });
        // Everything but seq exchanged, hashes included: the links no longer fit.
        const relinked = replaceAt(replaceAt(records, i, { ...second, seq: first.seq }), j, {
          ...first,
          seq: second.seq,
        });
        expect(await verifyChain(relinked)).toMatchObject({ kind: 'PREV_HASH_MISMATCH', firstBrokenSeq: first.seq });
      }),
    );
  });
});

describe('a deleted tail', () => {
  it('passes the chain alone, and is TRUNCATED at the first missing seq against the checkpoint', async () => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, async ({ records, index }) => {
        const kept = records.slice(0, index + 1);
        fc.pre(kept.length < records.length);
        const checkpoint = tailCheckpoint(records);
        expect(await verifyChain(kept)).toMatchObject({ ok: true });
        expect(await verifyChain(kept, { checkpoint })).toEqual({
          ok: false,
          kind: 'TRUNCATED',
          firstBrokenSeq: BigInt(kept.length + 1),
          verified: kept.length,
          expected: `${checkpoint.seq}`,
          actual: `${kept.length}`,
          message: expect.stringContaining('signed checkpoint'),
        });
        expect(await verifyChain(records, { checkpoint })).toMatchObject({ ok: true });
      }),
    );
  });

  it('replaced by fabricated records is caught where the checkpoint disagrees', async () => {
    await fc.assert(
      fc.asyncProperty(chainAndRow, fc.array(auditRecordArb, { minLength: 1, maxLength: 20 }), async (draw, fakes) => {
        const { records, index } = draw;
        const kept = records.slice(0, index);
        const fabricated = fakes.map((fake) => ({ ...fake, requestId: `fabricated-${fake.requestId}` }));
        const forged = [...kept, ...chainRecords(kept.at(-1) ?? GENESIS_HEAD, fabricated)];
        const checkpoint = tailCheckpoint(records);
        fc.pre(forged.length >= records.length);
        expect(await verifyChain(forged, { checkpoint })).toMatchObject({
          ok: false,
          kind: 'HASH_MISMATCH',
          firstBrokenSeq: checkpoint.seq,
        });
      }),
    );
  });

  it('an empty log against a checkpoint is truncated at seq 1', async () => {
    expect(await verifyChain([], { checkpoint: { seq: 3n, headHash: 'a'.repeat(64) } })).toMatchObject({
      ok: false,
      kind: 'TRUNCATED',
      firstBrokenSeq: 1n,
      verified: 0,
    });
  });

  it('checks a checkpoint at the starting point, and refuses one before it', async () => {
    const records = chainRecords(GENESIS_HEAD, fc.sample(auditRecordArb, { numRuns: 5, seed: 1 }));
    const trusted = row(records, 2);
    const startAfter = { seq: trusted.seq, hash: trusted.hash };
    const rest = records.slice(3);
    expect(await verifyChain(rest, { startAfter, checkpoint: { seq: 3n, headHash: trusted.hash } })).toMatchObject({
      ok: true,
      verified: 2,
    });
    expect(await verifyChain(rest, { startAfter, checkpoint: { seq: 3n, headHash: 'b'.repeat(64) } })).toMatchObject({
      ok: false,
      kind: 'HASH_MISMATCH',
      firstBrokenSeq: 3n,
      verified: 0,
    });
    await expect(verifyChain(rest, { startAfter, checkpoint: { seq: 2n, headHash: 'b'.repeat(64) } })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('any single edit to any stored row', () => {
  it('is reported at that row, or at the next one when the attacker rehashed it', async () => {
    await fc.assert(
      fc.asyncProperty(
        chainAndRow,
        fc.constantFrom(...STORED_FIELDS),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        async ({ records, index, variant }, field, rehashed, pageSize) => {
          fc.pre(!(rehashed && field === 'hash')); // rehashing a changed hash just restores it
          const target = row(records, index);
          const edited = editColumn(target, field, variant);
          const tampered = replaceAt(records, index, rehashed ? rehash(edited) : edited);
          const result = await verifyChain(pagesOf(tampered, pageSize), { checkpoint: tailCheckpoint(records) });
          // Only a rehashed content change moves the report, and only to the next row
          // (at the end of the log, the checkpoint there).
          const movesOn = rehashed && isContentField(field) && index < records.length - 1;
          expect(result).toMatchObject({ ok: false, firstBrokenSeq: movesOn ? target.seq + 1n : target.seq });
          expect(result.verified).toBe(movesOn ? index + 1 : index);
          expect(await verifyChain(tampered, { checkpoint: tailCheckpoint(records) })).toEqual(result);
        },
      ),
      { numRuns: 300 },
    );
  });
});
