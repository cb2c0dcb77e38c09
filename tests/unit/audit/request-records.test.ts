// One audit record per request: a request that read several residents is one ".batch"
// record listing them (grouped by what was returned and refused), chained like every other
// record. Pinned, so the format cannot drift unnoticed; tampered with, it is caught at that
// row — a resident id swapped, dropped or moved between groups — in a chain that still holds
// per-resident records from before, which keep verifying.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOfResident } from '../../../api/src/audit/about-resident.js';
import { type AccessSummary, accessEvents, type RequestFacts } from '../../../api/src/audit/access-events.js';
import type { ResidentReadsPayload } from '../../../api/src/audit/event-kinds.js';
import { AUDIT_EVENT_PAYLOADS, auditEventGroup } from '../../../api/src/audit/event-kinds.js';
import {
  type AuditRecordInput,
  type ChainedAuditRecord,
  chainRecords,
  computeAuditHash,
  GENESIS_HASH,
  GENESIS_HEAD,
  verifyChain,
} from '../../../api/src/audit/index.js';
import type { DenialReason } from '../../../api/src/privacy/index.js';
import { auditRecordArb, rehash, replaceAt } from './support/audit-arbitraries.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const FACTS: RequestFacts = {
  principal: {
    kind: 'service',
    serviceId: id(1),
    clientId: 'daycare',
    organisationId: id(2),
    purposeId: id(3),
    purposeSlug: 'daycare-application',
    purposeVersionId: id(4),
    tokenId: 'token-1',
  },
  purposeId: id(3),
  operation: 'query residents',
  requestId: 'req-1',
  now: new Date('2026-12-07T10:00:00.000Z'),
  kind: 'resident.read',
};

type Access = { returned: string[]; denied?: [string, DenialReason][] };

function summary(reads: Record<string, Access>, aggregates: string[] = []): AccessSummary {
  return {
    byResident: new Map(
      Object.entries(reads).map(([residentId, a]) => [
        residentId,
        { returned: new Set(a.returned), denied: new Map(a.denied ?? []) },
      ]),
    ),
    aggregates: new Set(aggregates),
  };
}

const PAGE = summary({
  [id(12)]: { returned: ['firstName', 'id'] },
  [id(10)]: { returned: ['firstName', 'id'] },
  [id(11)]: { returned: ['id'], denied: [['firstName', 'NO_CONSENT']] },
});

describe('the record of a request', () => {
  it('is one record listing every resident read, grouped by what was returned and refused', () => {
    const records = accessEvents(PAGE, FACTS);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'resident.read.batch',
      residentId: null,
      outcome: 'PARTIAL',
      fieldsReturned: ['firstName', 'id'],
      fieldsDenied: [{ field: 'firstName', reason: 'NO_CONSENT' }],
      payload: {
        reads: [
          { residentIds: [id(10), id(12)], fieldsReturned: ['firstName', 'id'], fieldsDenied: [] },
          {
            residentIds: [id(11)],
            fieldsReturned: ['id'],
            fieldsDenied: [{ field: 'firstName', reason: 'NO_CONSENT' }],
          },
        ],
      },
    });
    expect(AUDIT_EVENT_PAYLOADS['resident.read.batch'].parse(records[0]?.payload)).toEqual(records[0]?.payload);
    expect(auditEventGroup('resident.read.batch')).toBe('read');
  });

  it('names each resident once, with what that resident had returned and refused', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.uuid(),
          fc.record({
            returned: fc.subarray(['firstName', 'email', 'id', 'address']),
            denied: fc.subarray([['phone', 'NO_CONSENT'] as [string, DenialReason]]),
          }),
          { minKeys: 2, maxKeys: 30 },
        ),
        (reads) => {
          const [record] = accessEvents(summary(reads), FACTS) as [AuditRecordInput];
          const payload = record.payload as ResidentReadsPayload;
          const listed = payload.reads.flatMap((r) => r.residentIds);
          expect([...listed].sort()).toEqual(Object.keys(reads).sort());
          expect(new Set(listed).size).toBe(listed.length);
          for (const [residentId, access] of Object.entries(reads)) {
            const read = readOfResident({ ...record, kind: record.kind ?? null, payload }, residentId);
            expect(read.fieldsReturned).toEqual([...access.returned].sort());
            expect(read.fieldsDenied).toEqual(access.denied.map(([field, reason]) => ({ field, reason })));
          }
        },
      ),
    );
  });

  it('stays the per-resident record when the request read one resident, and aggregates keep their own', () => {
    const records = accessEvents(summary({ [id(10)]: { returned: ['email'] } }, ['populationCount']), FACTS);
    expect(records).toMatchObject([
      { kind: 'resident.read', residentId: id(10), fieldsReturned: ['email'], payload: null },
      { kind: 'insight.query', residentId: null, fieldsReturned: ['populationCount'] },
    ]);
  });

  // Pinned like chain.test.ts's vector, and the same value an independent implementation
  // (Python's json.dumps with sort_keys, compact separators) gives for this body at seq 1.
  it('hashes to the pinned value (test vector)', () => {
    const [record] = accessEvents(PAGE, FACTS) as [AuditRecordInput];
    expect(computeAuditHash(GENESIS_HASH, 1n, record)).toBe(
      'e6126bcc11ed7e197a6bb7b23a6767edc6187d33383e5cd698fa6e68494cbc60',
    );
  });
});

/** Per-resident records as older code wrote them, and request-level records, in one chain. */
const mixedChain = fc
  .tuple(
    fc.array(auditRecordArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
  )
  .map(([old, pages]) => {
    const requests = pages.map((residents, i) => {
      const reads = Object.fromEntries(
        residents.map((r, j) => [r, j % 3 === 2 ? { returned: ['id'] } : { returned: ['email', 'id'] }]),
      );
      return accessEvents(summary(reads), { ...FACTS, requestId: `req-${i}` })[0] as AuditRecordInput;
    });
    return chainRecords(
      GENESIS_HEAD,
      [...old, ...requests].sort((a, b) => (a.requestId < b.requestId ? -1 : 1)),
    );
  });

const batchRows = (records: ChainedAuditRecord[]) =>
  records.flatMap((r, index) => (r.kind === 'resident.read.batch' ? [index] : []));

function editPayload(row: ChainedAuditRecord, edit: (reads: ResidentReadsPayload['reads']) => void) {
  const payload = structuredClone(row.payload) as ResidentReadsPayload;
  edit(payload.reads);
  return { ...row, payload };
}

const EDITS: Record<string, (reads: ResidentReadsPayload['reads']) => void> = {
  'a resident id altered': (reads) => {
    const group = reads[0] as ResidentReadsPayload['reads'][number];
    group.residentIds[0] = id(999);
  },
  'a resident dropped': (reads) => {
    const group = reads.find((r) => r.residentIds.length > 1) ?? (reads[0] as ResidentReadsPayload['reads'][number]);
    group.residentIds.pop();
  },
  'a resident moved to another group': (reads) => {
    const [from, to] = reads;
    if (!from || !to) (from as ResidentReadsPayload['reads'][number]).fieldsReturned.push('personalIdentityCode');
    else to.residentIds.push(from.residentIds.pop() as string);
  },
};

describe('a request-level record tampered with', () => {
  it('leaves a chain that mixes it with per-resident records intact when untouched', async () => {
    await fc.assert(
      fc.asyncProperty(mixedChain, async (records) => {
        expect(await verifyChain(records)).toMatchObject({ ok: true, verified: records.length });
      }),
    );
  });

  it.each(Object.keys(EDITS))('is found at that row when %s', async (name) => {
    const edit = EDITS[name] as (reads: ResidentReadsPayload['reads']) => void;
    await fc.assert(
      fc.asyncProperty(mixedChain, fc.nat(), async (records, pick) => {
        const rows = batchRows(records);
        const index = rows[pick % rows.length] as number;
        const target = records[index] as ChainedAuditRecord;
        const tampered = replaceAt(records, index, editPayload(target, edit));
        expect(await verifyChain(tampered)).toMatchObject({
          ok: false,
          kind: 'HASH_MISMATCH',
          firstBrokenSeq: target.seq,
          verified: index,
        });
        // Rehashed by someone who knows the construction: the next row no longer follows.
        if (index < records.length - 1) {
          const forged = replaceAt(records, index, rehash(editPayload(target, edit)));
          expect(await verifyChain(forged)).toMatchObject({
            ok: false,
            kind: 'PREV_HASH_MISMATCH',
            firstBrokenSeq: target.seq + 1n,
          });
        }
      }),
    );
  });
});
