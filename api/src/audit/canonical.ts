// Canonical JSON for hashing audit records: RFC 8785 (JCS) restricted to the values audit
// records hold. Keys are sorted by UTF-16 code units, there is no insignificant whitespace,
// strings use ECMAScript JSON escaping, and the only numbers are safe integers (whose
// ECMAScript form is plain digits), so the output is the same in any language that
// implements RFC 8785. Two extensions, both written as JSON strings: a bigint (the sequence
// number, beyond 2^53) as its decimal digits, and a Date as ISO 8601 UTC with milliseconds.
//
// Anything without exactly one canonical form is refused rather than guessed at: two
// different records must never hash alike, and an auditor re-implementing this from the
// documentation must get the same bytes.
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | bigint
  | Date
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

/** A lone surrogate has no UTF-8 form; I-JSON (required by RFC 8785 §3.1) forbids it. */
const LONE_SURROGATE = /\p{Surrogate}/u;

export function canonicalize(value: CanonicalValue): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'number':
      // Fractions and large numbers would need RFC 8785's full number algorithm, and a
      // value past 2^53 may already have been rounded by whoever produced it.
      if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers are allowed, got ${value}`);
      return String(value); // -0 becomes "0", as RFC 8785 requires
    case 'object':
      return encodeObject(value, path);
    default:
      throw new TypeError(`${path}: ${typeof value} has no canonical form (use null for absent values)`);
  }
}

function encodeString(value: string, path: string): string {
  // The database stores UTF-8; a lone surrogate would be replaced on the way in and the
  // stored row would no longer match its hash — a false alarm of tampering.
  if (LONE_SURROGATE.test(value)) throw new TypeError(`${path}: string contains a lone UTF-16 surrogate`);
  // For well-formed strings JSON.stringify is exactly RFC 8785 §3.2.2.2's escaping.
  return JSON.stringify(value);
}

function encodeObject(value: object, path: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${path}: invalid Date`);
    return `"${value.toISOString()}"`;
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`${path}[${i}]: sparse arrays have no canonical form`);
      items.push(encode(value[i], `${path}[${i}]`));
    }
    return `[${items.join(',')}]`;
  }
  // Maps, class instances, buffers… would otherwise encode as their enumerable own keys
  // (often `{}`), silently dropping what they hold from the hash.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(`${path}: only plain objects, arrays and dates can be canonicalised`);
  }
  const record = value as Record<string, unknown>;
  // Comparing JS strings with < compares UTF-16 code units: RFC 8785 §3.2.3's order.
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${encodeString(key, path)}:${encode(record[key], `${path}.${key}`)}`).join(',')}}`;
}
