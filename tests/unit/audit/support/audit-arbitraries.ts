// Random audit records and chains for property tests, and the edits an attacker with write
// access to the table could make to one stored row. Values are synthetic; strings range
// over all of Unicode (astral characters included) so encoding bugs surface here.
import fc from 'fast-check';
import {
  type AuditRecordInput,
  type ChainedAuditRecord,
  chainRecords,
  computeAuditHash,
  GENESIS_HEAD,
} from '../../../../api/src/audit/index.js';

const ACTOR_KINDS = ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'] as const;
const OUTCOMES = ['ALLOWED', 'PARTIAL', 'DENIED'] as const;
const text = fc.string({ unit: 'binary', maxLength: 24 });
const id = fc.option(fc.uuid(), { nil: null });

export const auditRecordArb: fc.Arbitrary<AuditRecordInput> = fc.record({
  occurredAt: fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  actorKind: fc.constantFrom(...ACTOR_KINDS),
  actorId: id,
  organisationId: id,
  serviceId: id,
  purposeId: id,
  purposeVersionId: id,
  residentId: id,
  operation: text,
  outcome: fc.constantFrom(...OUTCOMES),
  fieldsReturned: fc.array(text, { maxLength: 5 }),
  fieldsDenied: fc.array(fc.record({ field: text, reason: fc.constantFrom('NO_CONSENT', 'NOT_IN_PURPOSE') }), {
    maxLength: 3,
  }),
  reason: fc.option(text, { nil: null }),
  requestId: fc.uuid(),
});

/** 2–15 records chained from the genesis; request ids are unique, so no two records are alike. */
export const chainArb: fc.Arbitrary<ChainedAuditRecord[]> = fc
  .uniqueArray(auditRecordArb, { minLength: 2, maxLength: 15, selector: (r) => r.requestId })
  .map((records) => chainRecords(GENESIS_HEAD, records));

/** Every column of a stored row. */
export const CONTENT_FIELDS = [
  'occurredAt',
  'actorKind',
  'actorId',
  'organisationId',
  'serviceId',
  'purposeId',
  'purposeVersionId',
  'residentId',
  'operation',
  'outcome',
  'fieldsReturned',
  'fieldsDenied',
  'reason',
  'requestId',
] as const satisfies readonly (keyof AuditRecordInput)[];
export const LINK_FIELDS = ['seq', 'prevHash', 'hash'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];
export type StoredField = ContentField | (typeof LINK_FIELDS)[number];
export const STORED_FIELDS: readonly StoredField[] = [...CONTENT_FIELDS, ...LINK_FIELDS];

export function isContentField(field: StoredField): field is ContentField {
  return (CONTENT_FIELDS as readonly string[]).includes(field);
}

const other = <T>(values: readonly T[], current: T): T => values[(values.indexOf(current) + 1) % values.length] as T;
const otherText = (value: string | null): string | null => (value === null ? 'tampered' : `${value}·`);
const flipHex = (hash: string): string => `${hash[0] === '0' ? '1' : '0'}${hash.slice(1)}`;

/** A copy of the row with one column changed to a value that surely differs. */
export function editColumn(row: ChainedAuditRecord, field: StoredField, variant = 0): ChainedAuditRecord {
  switch (field) {
    case 'occurredAt':
      return { ...row, occurredAt: new Date(row.occurredAt.getTime() + (variant % 2 === 0 ? 1 : -86_400_000)) };
    case 'actorKind':
      return { ...row, actorKind: other(ACTOR_KINDS, row.actorKind) };
    case 'outcome':
      return { ...row, outcome: other(OUTCOMES, row.outcome) };
    case 'fieldsReturned':
      return {
        ...row,
        fieldsReturned:
          variant % 2 === 1 && row.fieldsReturned.length > 0
            ? row.fieldsReturned.slice(1)
            : [...row.fieldsReturned, 'personalIdentityCode'],
      };
    case 'fieldsDenied':
      return {
        ...row,
        fieldsDenied:
          variant % 2 === 1 && row.fieldsDenied.length > 0
            ? row.fieldsDenied.slice(1)
            : [...row.fieldsDenied, { field: 'email', reason: 'NO_CONSENT' }],
      };
    case 'operation':
    case 'requestId':
      return { ...row, [field]: `${row[field]}·` };
    case 'seq':
      return { ...row, seq: variant % 2 === 0 ? row.seq + 1000n : row.seq - 1n };
    case 'prevHash':
      return { ...row, prevHash: flipHex(row.prevHash) };
    case 'hash':
      return { ...row, hash: flipHex(row.hash) };
    default:
      return { ...row, [field]: otherText(row[field]) };
  }
}

/** What an attacker who knows the construction does after an edit: make the row self-consistent again. */
export function rehash(row: ChainedAuditRecord): ChainedAuditRecord {
  return { ...row, hash: computeAuditHash(row.prevHash, row.seq, row) };
}

export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

export async function* streamOf<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export async function* pagesOf<T>(items: readonly T[], size: number): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
