// The canonical body of an audit record (chain.ts), written straight out in RFC 8785 key
// order. It gives byte for byte what the general encoder gives for the same body — a
// property test holds the two together — but without sorting keys or building an error
// path for every value: hashing sits on the path of every response that carries personal
// data (a page of 100 residents is 100 records). Whatever this writer does not recognise,
// it leaves to the general encoder, which encodes it or says exactly why it cannot.
import type { AuditRecordInput } from './chain.js';

/** A lone surrogate has no UTF-8 form (see canonical.ts). */
const LONE_SURROGATE = /\p{Surrogate}/u;
/** Characters JSON escapes; a string without any is written as it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** Thrown inside this module only: "hand this record to the general encoder". */
const UNRECOGNISED = Symbol('unrecognised');

function string(value: unknown): string {
  if (typeof value !== 'string' || LONE_SURROGATE.test(value)) throw UNRECOGNISED;
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

function nullableString(value: unknown): string {
  return value === null ? 'null' : string(value);
}

/** A JSON array of `item(entry)` for a dense array; anything else is unrecognised. */
function list(value: unknown, item: (entry: unknown) => string): string {
  if (!Array.isArray(value)) throw UNRECOGNISED;
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw UNRECOGNISED;
    out += (i === 0 ? '' : ',') + item(value[i]);
  }
  return `${out}]`;
}

// Entries with exactly `field` and `reason`, as the gate writes them; anything else (a key
// added by hand, a class instance) goes the general way, which covers every key.
function denial(entry: unknown): string {
  if (
    typeof entry !== 'object' ||
    entry === null ||
    (Object.getPrototypeOf(entry) !== Object.prototype && Object.getPrototypeOf(entry) !== null) ||
    Object.keys(entry).length !== 2 ||
    !('field' in entry && 'reason' in entry)
  )
    throw UNRECOGNISED;
  return `{"field":${string(entry.field)},"reason":${string(entry.reason)}}`;
}

function unrecognised(): never {
  throw UNRECOGNISED;
}

function date(value: unknown): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw UNRECOGNISED;
  return `"${value.toISOString()}"`;
}

/**
 * The canonical body of `record` at `seq`, or undefined when the record holds anything
 * this writer does not recognise (the caller then uses the general encoder).
 */
export function writeAuditBody(record: AuditRecordInput, seq: bigint): string | undefined {
  try {
    // Keys in UTF-16 code-unit order, as RFC 8785 sorts them.
    return (
      `{"actorId":${nullableString(record.actorId)}` +
      `,"actorKind":${string(record.actorKind)}` +
      `,"fieldsDenied":${list(record.fieldsDenied, denial)}` +
      `,"fieldsReturned":${list(record.fieldsReturned, string)}` +
      (record.kind === null || record.kind === undefined ? '' : `,"kind":${string(record.kind)}`) +
      `,"occurredAt":${date(record.occurredAt)}` +
      `,"operation":${string(record.operation)}` +
      `,"organisationId":${nullableString(record.organisationId)}` +
      `,"outcome":${string(record.outcome)}` +
      // A payload (administration events, a few per request at most) goes the general way.
      (record.payload === null || record.payload === undefined ? '' : unrecognised()) +
      `,"purposeId":${nullableString(record.purposeId)}` +
      `,"purposeVersionId":${nullableString(record.purposeVersionId)}` +
      `,"reason":${nullableString(record.reason)}` +
      `,"requestId":${string(record.requestId)}` +
      `,"residentId":${nullableString(record.residentId)}` +
      `,"seq":"${seq.toString()}"` +
      `,"serviceId":${nullableString(record.serviceId)}}`
    );
  } catch (error) {
    if (error === UNRECOGNISED) return undefined;
    throw error;
  }
}
