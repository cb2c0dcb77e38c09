// Checkpoint payloads (what the hub key signs about the chain head) and the policy that
// decides when to sign. Signing is injected; here it is a real EdDSA JWS made with jose,
// to show the payload survives a standard JWS library unchanged.
import fc from 'fast-check';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ChainCheckpoint,
  type CheckpointPayload,
  createCheckpointPayload,
  DEFAULT_CHECKPOINT_POLICY,
  parseCheckpointPayload,
  type SignCheckpoint,
  shouldCheckpoint,
  signCheckpoint,
  type VerifyCheckpoint,
  verifyCheckpointPayload,
} from '../../../api/src/audit/index.js';

const HEAD: ChainCheckpoint = {
  seq: 42n,
  headHash: '9548f8327da79c9aee3a51cd0b538e824c087bb024a7dee009241fb345944cb0',
  signedAt: new Date('2026-11-22T10:00:00.000Z'),
};
const TYP = 'audit-checkpoint+jwt';

let sign: SignCheckpoint;
let verify: VerifyCheckpoint;
let verifyWithOtherKey: VerifyCheckpoint;

beforeAll(async () => {
  const hub = await generateKeyPair('EdDSA');
  const stranger = await generateKeyPair('EdDSA');
  sign = (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: TYP }).sign(hub.privateKey);
  verify = async (jws) => (await jwtVerify(jws, hub.publicKey, { typ: TYP, algorithms: ['EdDSA'] })).payload;
  verifyWithOtherKey = async (jws) => (await jwtVerify(jws, stranger.publicKey, { algorithms: ['EdDSA'] })).payload;
});

describe('createCheckpointPayload', () => {
  it('writes seq as a decimal string and signedAt as ISO 8601 UTC with milliseconds', () => {
    expect(createCheckpointPayload(HEAD)).toEqual({
      seq: '42',
      headHash: HEAD.headHash,
      signedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(createCheckpointPayload({ ...HEAD, seq: 2n ** 70n }).seq).toBe('1180591620717411303424');
  });

  it.each<[string, Partial<ChainCheckpoint>]>([
    ['seq 0 (the genesis vouches for nothing)', { seq: 0n }],
    ['a negative seq', { seq: -1n }],
    ['an upper-case hash', { headHash: HEAD.headHash.toUpperCase() }],
    ['a short hash', { headHash: 'abc' }],
    ['an invalid date', { signedAt: new Date(Number.NaN) }],
  ])('refuses to produce a payload for %s', (_name, change) => {
    expect(() => createCheckpointPayload({ ...HEAD, ...change })).toThrow();
  });
});

describe('signing and verifying a checkpoint', () => {
  it('round-trips any head through a JWS', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 2n ** 80n }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        async (seq, headHash, signedAt) => {
          const jws = await signCheckpoint({ seq, headHash, signedAt }, sign);
          expect(await verifyCheckpointPayload(jws, verify, { seq, headHash })).toEqual({ seq, headHash, signedAt });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses a JWS whose payload was edited, or that another key signed', async () => {
    const jws = await signCheckpoint(HEAD, sign);
    const [header, , signature] = jws.split('.');
    const edited = Buffer.from(JSON.stringify({ ...createCheckpointPayload(HEAD), seq: '41' })).toString('base64url');
    await expect(verifyCheckpointPayload(`${header}.${edited}.${signature}`, verify)).rejects.toThrow();
    await expect(verifyCheckpointPayload(jws, verifyWithOtherKey)).rejects.toThrow();
  });

  it('refuses a stored row whose unsigned columns were edited, and returns the signed values', async () => {
    const jws = await signCheckpoint(HEAD, sign);
    await expect(verifyCheckpointPayload(jws, verify, { seq: 43n, headHash: HEAD.headHash })).rejects.toThrow(
      /does not match its own signature/,
    );
    await expect(verifyCheckpointPayload(jws, verify, { seq: 42n, headHash: 'f'.repeat(64) })).rejects.toThrow(
      /does not match its own signature/,
    );
    expect(await verifyCheckpointPayload(jws, verify)).toEqual(HEAD);
  });
});

describe('parseCheckpointPayload', () => {
  const valid: CheckpointPayload = createCheckpointPayload(HEAD);

  it('ignores the registered claims a JWT library adds', () => {
    expect(parseCheckpointPayload({ ...valid, iss: 'https://lupa.example.invalid', iat: 1, jti: 'x' })).toEqual(HEAD);
  });

  it.each<[string, unknown]>([
    ['no payload', null],
    ['a string', 'seq=42'],
    ['a numeric seq', { ...valid, seq: 42 }],
    ['seq with leading zeros', { ...valid, seq: '042' }],
    ['seq 0', { ...valid, seq: '0' }],
    ['a signed seq', { ...valid, seq: '+42' }],
    ['a missing headHash', { seq: valid.seq, signedAt: valid.signedAt }],
    ['an upper-case headHash', { ...valid, headHash: valid.headHash.toUpperCase() }],
    ['signedAt without milliseconds', { ...valid, signedAt: '2026-11-22T10:00:00Z' }],
    ['signedAt with an offset', { ...valid, signedAt: '2026-11-22T12:00:00.000+02:00' }],
    ['signedAt as a number', { ...valid, signedAt: HEAD.signedAt.getTime() }],
    ['a missing signedAt', { seq: valid.seq, headHash: valid.headHash }],
  ])('refuses %s (one spelling per value)', (_name, claims) => {
    expect(() => parseCheckpointPayload(claims)).toThrow(TypeError);
  });
});

// The exact form, at its edges: each value must match its pattern as a whole (a valid value
// with junk before or after it is refused), seq 1 is the first value a checkpoint may carry,
// and each refusal says which rule it broke.
describe('checkpoint payload edges', () => {
  const valid: CheckpointPayload = createCheckpointPayload(HEAD);
  const SEQ_ERROR = 'checkpoint seq must be a positive decimal string';
  const HASH_ERROR = 'checkpoint headHash must be 64 lowercase hex digits';
  const DATE_ERROR = 'checkpoint signedAt must be ISO 8601 UTC with milliseconds';

  it('seq 1 is the first seq a checkpoint may vouch for, both ways', () => {
    const first = { ...HEAD, seq: 1n };
    expect(createCheckpointPayload(first)).toEqual({ ...valid, seq: '1' });
    expect(parseCheckpointPayload({ ...valid, seq: '1' })).toEqual(first);
    expect(() => createCheckpointPayload({ ...HEAD, seq: 0n })).toThrow(
      new RangeError('a checkpoint vouches for at least one record (seq ≥ 1)'),
    );
  });

  it.each<[string, string]>([
    ['junk after the digits', '42x'],
    ['junk before the digits', 'x42'],
    ['a trailing space', '42 '],
    ['a leading space', ' 42'],
    ['a second number after a valid one', '42-43'],
    ['a hex seq', '0x2a'],
    ['an empty seq', ''],
  ])('parse refuses a seq with %s', (_name, seq) => {
    expect(() => parseCheckpointPayload({ ...valid, seq })).toThrow(new TypeError(SEQ_ERROR));
  });

  it.each<[string, string]>([
    ['one more hex digit after a valid hash', `${HEAD.headHash}0`],
    ['one more hex digit before a valid hash', `0${HEAD.headHash}`],
    ['junk after a valid hash', `${HEAD.headHash}zz`],
    ['junk before a valid hash', `zz${HEAD.headHash}`],
    ['a non-hex digit inside', `${HEAD.headHash.slice(0, 63)}g`],
    ['63 digits', HEAD.headHash.slice(1)],
  ])('refuses a headHash with %s, when signing and when parsing', (_name, headHash) => {
    expect(() => createCheckpointPayload({ ...HEAD, headHash })).toThrow(
      new TypeError('headHash must be 64 lowercase hex digits'),
    );
    expect(() => parseCheckpointPayload({ ...valid, headHash })).toThrow(new TypeError(HASH_ERROR));
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'seq=42'],
    ['a number', 42],
    ['a boolean', true],
  ])('refuses %s as the claims, as not an object', (_name, claims) => {
    expect(() => parseCheckpointPayload(claims)).toThrow(new TypeError('checkpoint payload is not an object'));
  });

  it('refuses a headHash that only reads as a hash once turned into a string', () => {
    // RegExp.test stringifies its argument: a one-element array would pass the pattern.
    expect(() => parseCheckpointPayload({ ...valid, headHash: [HEAD.headHash] })).toThrow(new TypeError(HASH_ERROR));
  });

  it('names the rule each refused value broke', () => {
    expect(() => parseCheckpointPayload({ ...valid, seq: 42 })).toThrow(new TypeError(SEQ_ERROR));
    expect(() => parseCheckpointPayload({ ...valid, headHash: undefined })).toThrow(new TypeError(HASH_ERROR));
    expect(() => parseCheckpointPayload({ ...valid, signedAt: 'yesterday' })).toThrow(new TypeError(DATE_ERROR));
    expect(() => parseCheckpointPayload({ ...valid, signedAt: HEAD.signedAt.getTime() })).toThrow(
      new TypeError(DATE_ERROR),
    );
    expect(() => parseCheckpointPayload({ ...valid, signedAt: '2026-11-22T10:00:00Z' })).toThrow(
      new TypeError(DATE_ERROR),
    );
    expect(() => createCheckpointPayload({ ...HEAD, signedAt: new Date(Number.NaN) })).toThrow(
      new TypeError('signedAt is not a valid date'),
    );
  });

  it('names the stored row whose unsigned columns disagree with its signature', async () => {
    const jws = await signCheckpoint(HEAD, sign);
    await expect(verifyCheckpointPayload(jws, verify, { seq: 43n, headHash: HEAD.headHash })).rejects.toThrow(
      new Error('checkpoint 43 does not match its own signature'),
    );
    // Equal columns are fine with or without the stored row.
    expect(await verifyCheckpointPayload(jws, verify, { seq: 42n, headHash: HEAD.headHash })).toEqual(HEAD);
  });
});

describe('shouldCheckpoint', () => {
  const policy = { everyEvents: 100, everyMs: 60_000 };

  it.each([
    [{ eventsSinceLast: 0, msSinceLast: 0 }, false],
    [{ eventsSinceLast: 0, msSinceLast: 10 * 60_000 }, false], // nothing new to vouch for
    [{ eventsSinceLast: 99, msSinceLast: 59_999 }, false],
    [{ eventsSinceLast: 100, msSinceLast: 0 }, true],
    [{ eventsSinceLast: 1, msSinceLast: 60_000 }, true],
    [{ eventsSinceLast: 5, msSinceLast: -1_000 }, false], // the clock stepped back: wait for events
  ])('%o → %s', (since, expected) => {
    expect(shouldCheckpoint(since, policy)).toBe(expected);
  });

  it('never stops asking once more events or more time have passed', () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.nat(200_000),
        fc.nat(100),
        fc.nat(100_000),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 120_000 }),
        (events, ms, moreEvents, moreMs, everyEvents, everyMs) => {
          const rule = { everyEvents, everyMs };
          if (shouldCheckpoint({ eventsSinceLast: events, msSinceLast: ms }, rule)) {
            expect(shouldCheckpoint({ eventsSinceLast: events + moreEvents, msSinceLast: ms + moreMs }, rule)).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it('has a default that bounds the unsigned window in both events and time', () => {
    expect(DEFAULT_CHECKPOINT_POLICY).toEqual({ everyEvents: 1000, everyMs: 60_000 });
  });

  it.each([
    { everyEvents: 0, everyMs: 1 },
    { everyEvents: Number.NaN, everyMs: 1 },
    { everyEvents: 1, everyMs: 0 },
    { everyEvents: 1, everyMs: Number.NaN },
  ])('refuses a policy that would never (or always) sign: %o', (bad) => {
    expect(() => shouldCheckpoint({ eventsSinceLast: 1, msSinceLast: 1 }, bad)).toThrow(RangeError);
  });

  it('names the policy setting it refuses', () => {
    const since = { eventsSinceLast: 1, msSinceLast: 1 };
    expect(() => shouldCheckpoint(since, { everyEvents: 0, everyMs: 1 })).toThrow(
      new RangeError('checkpoint policy: everyEvents must be ≥ 1'),
    );
    expect(() => shouldCheckpoint(since, { everyEvents: 1, everyMs: 0 })).toThrow(
      new RangeError('checkpoint policy: everyMs must be > 0'),
    );
  });
});
