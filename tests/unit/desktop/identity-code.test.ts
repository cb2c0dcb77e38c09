// The explorer's identity-code check gives the API's answer (prisma/src/pic.ts) for every
// code: a code the UI passes is one the API looks up, and a code the UI refuses the API
// would refuse too, so the officer is never told "malformed" about a code that is not.
import { formatPic, validatePic } from '@lupa/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedIdentityCode } from '../../../desktop/src/renderer/lib/identity-code.js';

const SIGNS = '-+YXWVUABCDEF';
const ALPHABET = '0123456789-+ABCDEFHJKLMNPRSTUVWXY_ a';

describe('isWellFormedIdentityCode', () => {
  it.each([
    ['131052-308T', true],
    ['010101A900R', true],
    [' 131052-308t ', true],
    ['131052-308U', false], // check character
    ['311352-308T', false], // month 13
    ['310252-308T', false], // 31 February
    ['131052-001T', false], // individual numbers start at 002
    ['131052_308T', false],
    ['', false],
  ])('%s: %s', (code, expected) => {
    expect(isWellFormedIdentityCode(code)).toBe(expected);
    expect(validatePic(code).valid).toBe(expected);
  });

  it('accepts every code the API formats, under every century sign of its century', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: 2, max: 999 }),
        (date, individual) => {
          const code = formatPic(date, individual);
          expect(isWellFormedIdentityCode(code)).toBe(true);
          for (const sign of SIGNS) {
            const variant = `${code.slice(0, 6)}${sign}${code.slice(7)}`;
            expect(isWellFormedIdentityCode(variant), variant).toBe(validatePic(variant).valid);
          }
        },
      ),
    );
  });

  it('agrees with the API on codes with one character changed', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: 2, max: 999 }),
        fc.nat(10),
        fc.constantFrom(...ALPHABET),
        (date, individual, at, char) => {
          const code = formatPic(date, individual);
          const changed = `${code.slice(0, at)}${char}${code.slice(at + 1)}`;
          expect(isWellFormedIdentityCode(changed), changed).toBe(validatePic(changed).valid);
        },
      ),
    );
  });
});
