// Building and verifying the audit hash chain: the exact construction (pinned, so an
// external auditor has a test vector and an accidental change to the encoding fails here),
// intact chains verifying however they are streamed, and progress reporting.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditRecordInput,
  type ChainedAuditRecord,
  type ChainVerification,
  chainRecords,
  computeAuditHash,
  GENESIS_HASH,
  GENESIS_HEAD,
  verifyChain,
} from '../../../api/src/audit/index.js';
import { auditRecordArb, chainArb, editColumn, pagesOf, replaceAt, streamOf } from './support/audit-arbitraries.js';

const SAMPLE: AuditRecordInput = {
  occurredAt: new Date('2026-11-22T10:00:00.000Z'),
  actorKind: 'SERVICE',
  actorId: '0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
  organisationId: '1c8d7e2f-3a4b-4c5d-9e0f-1a2b3c4d5e6f',
  serviceId: '0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e',
  purposeId: '2d9e8f3a-4b5c-4d6e-8f1a-2b3c4d5e6f7a',
  purposeVersionId: '3e0f9a4b-5c6d-4e7f-9a2b-3c4d5e6f7a8b',
  residentId: '4f1a0b5c-6d7e-4f8a-8b3c-4d5e6f7a8b9c',
  operation: 'query residents',
  outcome: 'PARTIAL',
  fieldsReturned: ['email', 'firstName'],
  fieldsDenied: [{ field: 'personalIdentityCode', reason: 'NO_CONSENT' }],
  reason: null,
  requestId: 'req-Ääkkönen-€',
};

// The same bytes an independent implementation (Python's json.dumps with sort_keys,
// compact separators and ensure_ascii=False, which agrees with RFC 8785 for these keys)
// produced for SAMPLE at seq 1.
const SAMPLE_PREIMAGE =
  `${'0'.repeat(64)}\n` +
  '{"actorId":"0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e","actorKind":"SERVICE",' +
  '"fieldsDenied":[{"field":"personalIdentityCode","reason":"NO_CONSENT"}],"fieldsReturned":["email","firstName"],' +
  '"occurredAt":"2026-11-22T10:00:00.000Z","operation":"query residents",' +
  '"organisationId":"1c8d7e2f-3a4b-4c5d-9e0f-1a2b3c4d5e6f","outcome":"PARTIAL",' +
  '"purposeId":"2d9e8f3a-4b5c-4d6e-8f1a-2b3c4d5e6f7a","purposeVersionId":"3e0f9a4b-5c6d-4e7f-9a2b-3c4d5e6f7a8b",' +
  '"reason":null,"requestId":"req-Ääkkönen-€","residentId":"4f1a0b5c-6d7e-4f8a-8b3c-4d5e6f7a8b9c","seq":"1",' +
  '"serviceId":"0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e"}';
const SAMPLE_HASH = '9548f8327da79c9aee3a51cd0b538e824c087bb024a7dee009241fb345944cb0';

describe('the hash construction', () => {
  it('is SHA-256 over prevHash, a newline and the canonical record with seq (test vector)', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(createHash('sha256').update(SAMPLE_PREIMAGE, 'utf8').digest('hex')).toBe(SAMPLE_HASH);
    expect(computeAuditHash(GENESIS_HASH, 1n, SAMPLE)).toBe(SAMPLE_HASH);
  });

  it('covers seq and prevHash, so a record cannot move or be re-parented with its hash', () => {
    expect(computeAuditHash(GENESIS_HASH, 2n, SAMPLE)).not.toBe(SAMPLE_HASH);
    expect(computeAuditHash('1'.repeat(64), 1n, SAMPLE)).not.toBe(SAMPLE_HASH);
  });

  it('ignores properties outside the record, such as a stored row’s own hash', () => {
    const stored = { ...SAMPLE, seq: 99n, prevHash: 'x', hash: 'y', extra: 'not a column' };
    expect(computeAuditHash(GENESIS_HASH, 1n, stored)).toBe(SAMPLE_HASH);
  });

  it('does not depend on key order inside fieldsDenied (jsonb reorders keys on the way in)', () => {
    const reordered = { ...SAMPLE, fieldsDenied: [{ reason: 'NO_CONSENT', field: 'personalIdentityCode' }] };
    expect(computeAuditHash(GENESIS_HASH, 1n, reordered)).toBe(SAMPLE_HASH);
  });

  it('covers keys added inside fieldsDenied, which jsonb would store', () => {
    const padded = { ...SAMPLE, fieldsDenied: [{ field: 'personalIdentityCode', reason: 'NO_CONSENT', note: 'x' }] };
    expect(computeAuditHash(GENESIS_HASH, 1n, padded)).not.toBe(SAMPLE_HASH);
  });

  it('refuses a record with a missing value, so the write fails closed', () => {
    const broken = { ...SAMPLE, reason: undefined } as unknown as AuditRecordInput;
    expect(() => computeAuditHash(GENESIS_HASH, 1n, broken)).toThrow(/\$\.reason: undefined/);
    expect(() => chainRecords(GENESIS_HEAD, [SAMPLE, broken])).toThrow(TypeError);
  });
});

describe('chainRecords', () => {
  it('assigns consecutive seqs after the head and links each record to the one before', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.array(auditRecordArb, { maxLength: 8 }),
        (seq, hash, records) => {
          const chained = chainRecords({ seq, hash }, records);
          expect(chained).toHaveLength(records.length);
          chained.forEach((record, i) => {
            expect(record).toMatchObject(records[i] as AuditRecordInput);
            expect(record.seq).toBe(seq + BigInt(i + 1));
            expect(record.prevHash).toBe(i === 0 ? hash : chained[i - 1]?.hash);
            expect(record.hash).toBe(computeAuditHash(record.prevHash, record.seq, record));
          });
        },
      ),
    );
  });

  it('gives the same chain whether records come in one batch or several', () => {
    fc.assert(
      fc.property(fc.array(auditRecordArb, { minLength: 1, maxLength: 10 }), fc.nat(), (records, cut) => {
        const at = cut % (records.length + 1);
        const first = chainRecords(GENESIS_HEAD, records.slice(0, at));
        const head = first.at(-1) ?? GENESIS_HEAD;
        expect([...first, ...chainRecords(head, records.slice(at))]).toEqual(chainRecords(GENESIS_HEAD, records));
      }),
    );
  });
});

const intact = (records: ChainedAuditRecord[]): ChainVerification => ({
  ok: true,
  verified: records.length,
  head: { seq: records.at(-1)?.seq ?? 0n, hash: records.at(-1)?.hash ?? GENESIS_HASH },
});

describe('verifyChain on intact chains', () => {
  it('verifies any chain, from an array, an async generator or pages of any size', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, fc.integer({ min: 1, max: 7 }), async (records, size) => {
        expect(await verifyChain(records)).toEqual(intact(records));
        expect(await verifyChain(streamOf(records))).toEqual(intact(records));
        expect(await verifyChain(pagesOf(records, size))).toEqual(intact(records));
      }),
    );
  });

  it('verifies an empty log as the genesis', async () => {
    expect(await verifyChain([])).toEqual({ ok: true, verified: 0, head: GENESIS_HEAD });
  });

  it('continues from a trusted head, and refuses a suffix that does not attach to it', async () => {
    await fc.assert(
      fc.asyncProperty(chainArb, fc.nat(), async (records, cut) => {
        const at = 1 + (cut % (records.length - 1));
        const trusted = records[at - 1] as ChainedAuditRecord;
        const suffix = records.slice(at);
        const startAfter = { seq: trusted.seq, hash: trusted.hash };
        expect(await verifyChain(suffix, { startAfter })).toEqual({ ...intact(records), verified: suffix.length });
        expect(await verifyChain(suffix, { startAfter: { ...startAfter, hash: 'f'.repeat(64) } })).toMatchObject({
          ok: false,
          kind: 'PREV_HASH_MISMATCH',
          firstBrokenSeq: trusted.seq + 1n,
          verified: 0,
        });
      }),
    );
  });

  it('streams a long log lazily, reporting progress as it goes', async () => {
    const total = 25_000;
    async function* lazyLog(): AsyncGenerator<ChainedAuditRecord> {
      let head = GENESIS_HEAD;
      for (let i = 0; i < total; i++) {
        const [record] = chainRecords(head, [{ ...SAMPLE, requestId: `req-${i}` }]) as [ChainedAuditRecord];
        head = record;
        yield record;
      }
    }
    const progress: number[] = [];
    const result = await verifyChain(lazyLog(), { onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ ok: true, verified: total, head: { seq: BigInt(total) } });
    expect(progress).toEqual([10_000, 20_000, 25_000]);
  });
});

describe('progress reporting', () => {
  const records = chainRecords(
    GENESIS_HEAD,
    Array.from({ length: 20 }, (_, i) => ({ ...SAMPLE, requestId: `req-${i}` })),
  );

  it('reports every progressEvery records and once at the end, never the same count twice', async () => {
    const seen: number[][] = [];
    for (const count of [20, 17, 0]) {
      const progress: number[] = [];
      await verifyChain(pagesOf(records.slice(0, count), 3), { progressEvery: 5, onProgress: (n) => progress.push(n) });
      seen.push(progress);
    }
    expect(seen).toEqual([[5, 10, 15, 20], [5, 10, 15, 17], [0]]);
  });

  it('stops reporting at a break', async () => {
    const progress: number[] = [];
    const tampered = replaceAt(records, 12, editColumn(records[12] as ChainedAuditRecord, 'operation'));
    const result = await verifyChain(tampered, { progressEvery: 5, onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 13n, verified: 12 });
    expect(progress).toEqual([5, 10]);
  });

  it('refuses a progress interval below one', async () => {
    await expect(verifyChain(records, { progressEvery: 0 })).rejects.toThrow(RangeError);
  });
});
