// The canonical encoding the audit hashes are computed over. An auditor re-implements it
// from RFC 8785, so it is checked against the RFC's own vectors (the reference
// implementation's testdata, github.com/cyberphone/json-canonicalization) for every value
// kind Lupa allows, and against an independent oracle for random data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CanonicalValue, canonicalize } from '../../../api/src/audit/index.js';

/** Parses JSON text the way an auditor's tool would read a stored value. */
const parsed = (json: string): CanonicalValue => JSON.parse(json) as CanonicalValue;

describe('RFC 8785 test vectors (integer-only subset)', () => {
  it.each([
    {
      name: 'weird (property sorting by UTF-16 code units, §3.2.3)',
      input: String.raw`{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\u000a": "Newline",
        "1": "One",
        "\u0080": "Control\u007f",
        "\ud83d\ude02": "Smiley",
        "\u00f6": "Latin Small Letter O With Diaeresis",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "</script>": "Browser Challenge"
      }`,
      output:
        '{"\\n":"Newline","\\r":"Carriage Return","1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley",' +
        '"\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    },
    {
      name: 'structures (nesting, empty keys and objects)',
      input: String.raw`{
        "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
        "10": { },
        "": "empty",
        "a": { },
        "111": [ {"e": "yes","E": "no" } ],
        "A": { }
      }`,
      output: '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}',
    },
    {
      name: 'arrays (order kept, objects inside sorted)',
      input: '[56, { "d": true, "10": null, "1": [ ] }]',
      output: '[56,{"1":[],"10":null,"d":true}]',
    },
    {
      name: 'french (no locale-aware collation)',
      input: `{
        "peach": "This sorting order",
        "péché": "is wrong according to French",
        "pêche": "but canonicalization MUST",
        "sin":   "ignore locale"
      }`,
      output:
        '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French",' +
        '"p\u00eache":"but canonicalization MUST","sin":"ignore locale"}',
    },
    {
      name: 'unicode (no normalisation)',
      input: String.raw`{ "Unnormalized Unicode":"A\u030a" }`,
      output: '{"Unnormalized Unicode":"A\u030a"}',
    },
    {
      name: 'values without the fractional numbers (§3.2.2: strings and literals)',
      input: String.raw`{
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
      output: '{"literals":[null,true,false],"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    },
  ])('$name', ({ input, output }) => {
    expect(canonicalize(parsed(input))).toBe(output);
  });

  it('writes integers as ECMAScript does, minus zero as 0 (Appendix B)', () => {
    expect(canonicalize([0, -0, 1, -1, 9007199254740991, -9007199254740991])).toBe(
      '[0,0,1,-1,9007199254740991,-9007199254740991]',
    );
  });

  it('refuses what the RFC refuses (NaN, Infinity) and numbers outside the safe-integer subset', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalize(value)).toThrow(TypeError);
    }
    // Valid RFC 8785 numbers, but outside what Lupa hashes: fractions and integers past 2^53.
    for (const value of [0.5, 1e30, 333333333.3333333, 5e-324, 2 ** 53, -(2 ** 53), 295147905179352830000]) {
      expect(() => canonicalize({ n: value })).toThrow(/safe integers/);
    }
  });
});

function sparseArray(): number[] {
  const holes: number[] = [];
  holes[2] = 3; // indices 0 and 1 are holes, not undefined
  return holes;
}

describe('canonical encoding', () => {
  it('orders keys by UTF-16 code units, not by code points', () => {
    // U+1F600 is stored as D83D DE00, which sorts before U+FB33 in UTF-16 but after it by
    // code point: a Python or Rust port that sorts by code point gets a different hash.
    expect(canonicalize({ '\ufb33': 1, '\u{1f600}': 2, Z: 3, a: 4, '': 5 })).toBe(
      '{"":5,"Z":3,"a":4,"\u{1f600}":2,"\ufb33":1}',
    );
  });

  it('escapes as JSON.stringify does and nothing more', () => {
    expect(canonicalize('"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029é😀')).toBe(
      '"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028\u2029é😀"',
    );
  });

  it('writes bigints as decimal strings, dates as ISO 8601 UTC with milliseconds, and keeps null', () => {
    expect(
      canonicalize({
        seq: 12345678901234567890n,
        first: 1n,
        negative: -7n,
        at: new Date(Date.UTC(2026, 10, 22, 10)),
        ms: new Date('2026-11-22T12:00:00.5+02:00'),
        none: null,
      }),
    ).toBe(
      '{"at":"2026-11-22T10:00:00.000Z","first":"1","ms":"2026-11-22T10:00:00.500Z",' +
        '"negative":"-7","none":null,"seq":"12345678901234567890"}',
    );
  });

  it('accepts objects without a prototype, and "__proto__" as an ordinary key (as JSON.parse reads it)', () => {
    const bare: Record<string, CanonicalValue> = Object.assign(Object.create(null), { b: [true] });
    expect(canonicalize(bare)).toBe('{"b":[true]}');
    expect(canonicalize(parsed('{"b":1,"__proto__":"own key"}'))).toBe('{"__proto__":"own key","b":1}');
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an undefined member', { a: 1, b: undefined }],
    ['an undefined element', [1, undefined]],
    ['a sparse array', sparseArray()],
    ['an invalid date', new Date(Number.NaN)],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate in a key', { '\udc00': 1 }],
    ['a Map', new Map([['a', 1]])],
    ['a class instance', new URL('https://lupa.example.invalid')],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalize(value as CanonicalValue)).toThrow(TypeError);
  });

  it('names where the offending value is', () => {
    expect(() => canonicalize({ fieldsDenied: [{ field: 'email', reason: undefined as never }] })).toThrow(
      /\$\.fieldsDenied\[0\]\.reason: undefined/,
    );
  });
});

// Plain JSON data in Lupa's subset: safe integers and any well-formed Unicode.
const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
  ),
})).value as fc.Arbitrary<CanonicalValue>;

function isObject(value: CanonicalValue): value is { readonly [key: string]: CanonicalValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Rebuilds objects with keys inserted in the given order (prototype-free, so `__proto__` stays a key). */
function withKeyOrder(value: CanonicalValue, order: (keys: string[]) => string[]): CanonicalValue {
  if (Array.isArray(value)) return value.map((v: CanonicalValue) => withKeyOrder(v, order));
  if (!isObject(value)) return value;
  const out: Record<string, CanonicalValue> = Object.create(null);
  for (const key of order(Object.keys(value))) out[key] = withKeyOrder(value[key] as CanonicalValue, order);
  return out;
}

const codeUnitOrder = (keys: string[]) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('canonical encoding properties', () => {
  it('is JSON.stringify of the same data with keys inserted in code-unit order', () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        expect(canonicalize(value)).toBe(JSON.stringify(withKeyOrder(value, codeUnitOrder)));
      }),
    );
  });

  it('does not depend on the order keys were inserted in', () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        expect(canonicalize(withKeyOrder(value, (keys) => [...keys].reverse()))).toBe(canonicalize(value));
      }),
    );
  });

  it('is a fixed point: parsing the output and encoding again gives the same bytes', () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        const once = canonicalize(value);
        expect(canonicalize(parsed(once))).toBe(once);
      }),
    );
  });
});
