import { randomBytes } from 'node:crypto';
import { blindIndexPic, decryptPic, encryptPic, formatPic, isValidBusinessId, validatePic } from '@lupa/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const keys = { encryptionKey: randomBytes(32), blindIndexKey: randomBytes(32) };

describe('personal identity code', () => {
  it.each([
    ['131052-308T', true],
    ['010101A900R', true], // hand-checked: 010101900 % 31 = 23 → R
    ['131052-308U', false],
    ['311352-308T', false],
    ['310252-308T', false],
    ['131052-000T', false],
    ['131052_308T', false],
    ['', false],
  ])('%s is valid: %s', (code, valid) => {
    expect(validatePic(code).valid).toBe(valid);
  });

  it('accepts the century signs introduced in 2023 and finds the same person by them', () => {
    const old = formatPic(new Date(Date.UTC(1985, 4, 17)), 942);
    const newSign = `${old.slice(0, 6)}Y${old.slice(7)}`;
    expect(validatePic(newSign).valid).toBe(true);
    expect(blindIndexPic(newSign, keys)).toBe(blindIndexPic(old, keys));
  });

  it('formats valid test-range codes for every date and individual number', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: 900, max: 999 }),
        (date, individual) => {
          const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
          const result = validatePic(formatPic(day, individual));
          expect(result.valid).toBe(true);
          if (result.valid) {
            expect(result.isTestRange).toBe(true);
            expect(result.birthDate.getTime()).toBe(day.getTime());
          }
        },
      ),
    );
  });

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const code = '131052-308T';
    const a = encryptPic(code, keys);
    const b = encryptPic(code, keys);
    expect(a).not.toBe(b);
    expect(a).not.toContain(code);
    expect(decryptPic(a, keys)).toBe(code);
  });

  it('refuses a tampered ciphertext and the wrong key', () => {
    const sealed = encryptPic('131052-308T', keys);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => decryptPic(tampered, keys)).toThrow();
    expect(() => decryptPic(sealed, { ...keys, encryptionKey: randomBytes(32) })).toThrow();
  });

  it('keys the blind index: another key gives another index', () => {
    const other = { ...keys, blindIndexKey: randomBytes(32) };
    expect(blindIndexPic('131052-308T', keys)).not.toBe(blindIndexPic('131052-308T', other));
    expect(blindIndexPic(' 131052-308t ', keys)).toBe(blindIndexPic('131052-308T', keys));
  });
});

describe('business ID (Y-tunnus)', () => {
  it.each([
    ['0737546-2', true],
    ['9100001-3', true],
    ['9100001-4', false],
    ['9100003-0', false], // remainder 1: never issued
    ['910001-3', false],
    ['9100001 3', false],
  ])('%s is valid: %s', (id, valid) => {
    expect(isValidBusinessId(id)).toBe(valid);
  });
});
