// The audit hash chain. What an external auditor needs to recompute every hash from the
// stored rows alone:
//
//   hash(n)     = lowercase hex of SHA-256 over the UTF-8 bytes of
//                 prevHash(n) + "\n" + JCS(body(n))
//   prevHash(1) = "0000…0000" (64 zeros, GENESIS_HASH); prevHash(n) = hash(n − 1)
//   body(n)     = a JSON object with exactly these 15 members (canonical.ts, RFC 8785):
//     seq               n as a decimal string, e.g. "42"
//     occurredAt        ISO 8601 UTC with milliseconds, e.g. "2026-11-22T10:00:00.000Z"
//     actorKind         "SERVICE" | "OFFICER" | "RESIDENT" | "SYSTEM"
//     actorId, organisationId, serviceId, purposeId, purposeVersionId, residentId, reason
//                       string or null
//     operation, requestId   string
//     outcome           "ALLOWED" | "PARTIAL" | "DENIED"
//     fieldsReturned    array of strings, in stored order
//     fieldsDenied      array of {"field": string, "reason": string}, in stored order
//   and, only when the record has them (records written before event kinds existed do not,
//   and their bodies are unchanged, so they keep verifying):
//     kind              string, one of event-kinds.ts, e.g. "officer.roles.set"
//     payload           the kind's JSON payload (strings, booleans, safe integers, arrays,
//                       objects), canonicalised like the rest of the body
//
// prevHash and hash themselves are not in the body. seq is, so a record cannot be moved to
// another position with its hash intact. A new column on AuditEvent is not covered until
// it is added to `hashedBody`, which changes the construction: version it then (as kind
// and payload were: a member absent when null keeps every older body byte for byte).
import { createHash } from 'node:crypto';
import { type CanonicalValue, canonicalize } from './canonical.js';
import { writeAuditBody } from './canonical-body.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditActorKind = 'SERVICE' | 'OFFICER' | 'RESIDENT' | 'SYSTEM';
export type AuditOutcome = 'ALLOWED' | 'PARTIAL' | 'DENIED';

export interface AuditRecordInput {
  occurredAt: Date;
  actorKind: AuditActorKind;
  actorId: string | null;
  organisationId: string | null;
  serviceId: string | null;
  purposeId: string | null;
  purposeVersionId: string | null;
  residentId: string | null;
  operation: string;
  outcome: AuditOutcome;
  fieldsReturned: string[];
  fieldsDenied: { field: string; reason: string }[];
  reason: string | null;
  requestId: string;
  /** The event kind (event-kinds.ts); null or absent only on records from before kinds. */
  kind?: string | null;
  /** The kind's payload; null or absent when the kind carries none. */
  payload?: CanonicalValue | null;
}

export interface ChainedAuditRecord extends AuditRecordInput {
  seq: bigint;
  prevHash: string;
  hash: string;
}

/** The newest record of a chain (or the genesis, seq 0): where the next record attaches. */
export interface ChainHead {
  seq: bigint;
  hash: string;
}

export const GENESIS_HEAD: ChainHead = { seq: 0n, hash: GENESIS_HASH };

// Members are picked by name, never spread: a ChainedAuditRecord also carries its own hash,
// which must not feed itself, and whatever else an object happens to carry must not change
// the construction. fieldsDenied goes in as stored, so a key added to its JSON is caught.
// (Written out rather than looped over a key list: this runs once per record of a page.)
function auditMembers(record: AuditRecordInput): AuditRecordInput {
  return {
    occurredAt: record.occurredAt,
    actorKind: record.actorKind,
    actorId: record.actorId,
    organisationId: record.organisationId,
    serviceId: record.serviceId,
    purposeId: record.purposeId,
    purposeVersionId: record.purposeVersionId,
    residentId: record.residentId,
    operation: record.operation,
    outcome: record.outcome,
    fieldsReturned: record.fieldsReturned,
    fieldsDenied: record.fieldsDenied,
    reason: record.reason,
    requestId: record.requestId,
    kind: record.kind ?? null,
    payload: record.payload ?? null,
  };
}

/** The body the general encoder hashes (the fast writer's fallback). */
function hashedBody(record: AuditRecordInput, seq: bigint): CanonicalValue {
  const { kind, payload, ...members } = auditMembers(record);
  return {
    ...members,
    seq,
    ...(kind === null || kind === undefined ? {} : { kind }),
    ...(payload === null || payload === undefined ? {} : { payload }),
  } as unknown as CanonicalValue;
}

/** JCS(body): the fast writer for records as the API makes them, else the general encoder. */
export function canonicalAuditBody(record: AuditRecordInput, seq: bigint): string {
  return writeAuditBody(record, seq) ?? canonicalize(hashedBody(record, seq));
}

function hashOf(prevHash: string, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

/** Throws TypeError when the record has no canonical form (see canonical.ts). */
export function computeAuditHash(prevHash: string, seq: bigint, record: AuditRecordInput): string {
  return hashOf(prevHash, canonicalAuditBody(record, seq));
}

/**
 * Assigns the next sequence numbers and hashes after `head`: what the sequencer writes as
 * one group-commit batch. Throws, writing nothing, if any record cannot be encoded.
 */
export function chainRecords(head: ChainHead, records: readonly AuditRecordInput[]): ChainedAuditRecord[] {
  return chainRecordsWithBodies(head, records).map((c) => c.record);
}

// Built member by member rather than spread: a spread of a 14-member object costs as much
// as its hash, and a page of residents is 100 of them. Extra properties are dropped too.
function chainedRecord(record: AuditRecordInput, seq: bigint, prevHash: string, hash: string): ChainedAuditRecord {
  const chained = auditMembers(record) as ChainedAuditRecord;
  chained.seq = seq;
  chained.prevHash = prevHash;
  chained.hash = hash;
  return chained;
}

/** As chainRecords, with each record's canonical body: the exact JSON that was hashed. */
export function chainRecordsWithBodies(
  head: ChainHead,
  records: readonly AuditRecordInput[],
): { record: ChainedAuditRecord; body: string }[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return records.map((record) => {
    seq += 1n;
    const body = canonicalAuditBody(record, seq);
    const hash = hashOf(prevHash, body);
    const chained = { record: chainedRecord(record, seq, prevHash, hash), body };
    prevHash = hash;
    return chained;
  });
}
