// The fast writer of an audit record's canonical body must give exactly the bytes of the
// general RFC 8785 encoder — any difference would make intact records look tampered with,
// or let an auditor's re-implementation disagree — and must hand anything unusual to the
// general encoder instead of guessing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeAuditBody } from '../../../api/src/audit/canonical-body.js';
import { canonicalAuditBody } from '../../../api/src/audit/chain.js';
import { type AuditRecordInput, type CanonicalValue, canonicalize } from '../../../api/src/audit/index.js';
import { auditRecordArb, CONTENT_FIELDS } from './support/audit-arbitraries.js';

/** The 15 documented members (chain.ts), encoded by the general encoder. */
function generalBody(record: AuditRecordInput, seq: bigint): string {
  const body: Record<string, unknown> = { seq };
  for (const key of CONTENT_FIELDS) body[key] = record[key];
  return canonicalize(body as CanonicalValue);
}

const SAMPLE_BASE = () => fc.sample(auditRecordArb, { numRuns: 1, seed: 3 })[0] as AuditRecordInput;
/** ['email'] with an empty slot before it. */
function sparse(): string[] {
  const list: string[] = [];
  list[1] = 'email';
  return list;
}

const seqArb = fc.bigInt({ min: 1n, max: 2n ** 70n });

// Strings that exercise every escaping branch: quotes, backslashes, controls, DEL, the
// line separators JSON leaves alone, astral characters, and lone surrogates.
const trickyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '😀', '\ud800', 'a\udc00b', ''),
);

describe('the fast canonical body', () => {
  it('writes the same bytes as the general encoder for any record', () => {
    fc.assert(
      fc.property(auditRecordArb, seqArb, (record, seq) => {
        const fast = writeAuditBody(record, seq);
        expect(fast).toBeDefined();
        expect(fast).toBe(generalBody(record, seq));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the general encoder on strings that need escaping, or hands them over', () => {
    fc.assert(
      fc.property(auditRecordArb, trickyText, trickyText, seqArb, (record, a, b, seq) => {
        const tricky = { ...record, operation: a, fieldsReturned: [a, b], fieldsDenied: [{ field: b, reason: a }] };
        let general: string | Error;
        try {
          general = generalBody(tricky, seq);
        } catch (error) {
          general = error as Error;
        }
        const fast = writeAuditBody(tricky, seq);
        if (general instanceof Error) {
          // Only a lone surrogate has no canonical form; the fast writer must not encode it.
          expect(fast).toBeUndefined();
          expect(() => canonicalAuditBody(tricky, seq)).toThrow(TypeError);
        } else {
          expect(fast === undefined || fast === general).toBe(true);
          expect(canonicalAuditBody(tricky, seq)).toBe(general);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('writes fieldsDenied members in canonical order whatever order they were set in', () => {
    const record = { ...SAMPLE_BASE(), fieldsDenied: [{ reason: 'NO_CONSENT', field: 'email' }] };
    expect(writeAuditBody(record, 1n)).toBe(generalBody(record, 1n));
    expect(writeAuditBody(record, 1n)).toContain('{"field":"email","reason":"NO_CONSENT"}');
  });

  const base = SAMPLE_BASE();
  it.each<[string, (r: AuditRecordInput) => unknown]>([
    ['an extra key inside fieldsDenied', (r) => ({ ...r, fieldsDenied: [{ field: 'email', reason: 'X', note: 'y' }] })],
    ['a sparse fieldsReturned', (r) => ({ ...r, fieldsReturned: sparse() })],
    ['a missing value', (r) => ({ ...r, reason: undefined })],
    ['a number where a string belongs', (r) => ({ ...r, actorId: 7 })],
    ['an invalid date', (r) => ({ ...r, occurredAt: new Date(Number.NaN) })],
    ['a date given as a string', (r) => ({ ...r, occurredAt: '2026-11-22T10:00:00.000Z' })],
    ['a class instance inside fieldsDenied', (r) => ({ ...r, fieldsDenied: [new Map()] })],
  ])('hands %s to the general encoder, which encodes it or explains why not', (_name, edit) => {
    const record = edit(base) as AuditRecordInput;
    expect(writeAuditBody(record, 1n)).toBeUndefined();
    let general: string | undefined;
    try {
      general = generalBody(record, 1n);
    } catch {
      expect(() => canonicalAuditBody(record, 1n)).toThrow(TypeError);
      return;
    }
    expect(canonicalAuditBody(record, 1n)).toBe(general);
  });
});
