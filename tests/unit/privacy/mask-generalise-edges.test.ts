import { describe, expect, it } from 'vitest';
import {
  generaliseBirthDate,
  generaliseEmail,
  generalisePersonalIdentityCode,
  generaliseStreetAddress,
} from '../../../api/src/privacy/generalise.js';
import {
  maskBirthDate,
  maskEmail,
  maskName,
  maskPersonalIdentityCode,
  maskPhone,
  maskStreetAddress,
} from '../../../api/src/privacy/mask.js';

// Edge inputs for the value transforms: each case pins the exact output, because a transform
// that shows a little more than intended here leaks more than the access level allows.

describe('maskEmail / generaliseEmail edges', () => {
  it('ignores surrounding whitespace rather than showing it', () => {
    expect(maskEmail('  anna@example.invalid  ')).toBe('a•••@example.invalid');
    expect(generaliseEmail('  anna@example.invalid  ')).toBe('•••@example.invalid');
  });
});

describe('maskPhone edges', () => {
  it('shows the last two digits from seven digits on, ignoring separators', () => {
    expect(maskPhone('123 45 67')).toBe('••• •••• 67');
    expect(maskPhone('040 123 4567.')).toBe('••• •••• 67');
  });

  it('hides numbers of six digits or fewer even when the text is longer', () => {
    expect(maskPhone('123456')).toBe('••• •••• ••');
    expect(maskPhone('12 34 5')).toBe('••• •••• ••');
  });
});

describe('maskName edges', () => {
  it('gives the initial of a two-character name', () => {
    expect(maskName('Li')).toBe('L.');
    expect(maskName(' Li ')).toBe('L.');
  });

  it('hides an empty, one-character or initial-only name', () => {
    expect(maskName('')).toBe('•••');
    expect(maskName('  ')).toBe('•••');
    expect(maskName('A')).toBe('•••');
    expect(maskName('A.')).toBe('•••');
  });
});

describe('maskPersonalIdentityCode / generalisePersonalIdentityCode edges', () => {
  it('reads a code with surrounding whitespace and a lower-case century letter', () => {
    expect(maskPersonalIdentityCode(' 010190a900r ')).toBe('010190A••••');
    expect(generalisePersonalIdentityCode(' 010190a900r ')).toBe('2090');
  });

  it('hides a code with anything before or after it', () => {
    for (const bad of ['1010190-900R', '010190-900RX', 'x010190-900R', 'not a code', '']) {
      expect(maskPersonalIdentityCode(bad)).toBe('••••••-••••');
      expect(generalisePersonalIdentityCode(bad)).toBe('•••');
    }
  });

  it.each([
    ['+', '1890'],
    ['-', '1990'],
    ['U', '1990'],
    ['V', '1990'],
    ['W', '1990'],
    ['X', '1990'],
    ['Y', '1990'],
    ['A', '2090'],
    ['B', '2090'],
    ['C', '2090'],
    ['D', '2090'],
    ['E', '2090'],
    ['F', '2090'],
  ])('reads century sign %s as birth year %s', (sign, year) => {
    expect(generalisePersonalIdentityCode(`010190${sign}900R`)).toBe(year);
  });
});

describe('maskBirthDate / generaliseBirthDate edges', () => {
  it('pads a year below 1000 to four digits', () => {
    expect(maskBirthDate('0005-01-01')).toBe('0005-••-••');
    expect(generaliseBirthDate('0005-01-01')).toBe('0005');
  });

  it('reads an ISO date with surrounding whitespace', () => {
    expect(maskBirthDate(' 1990-05-17 ')).toBe('1990-••-••');
    expect(generaliseBirthDate(' 1990-05-17')).toBe('1990');
  });

  it('hides text that is not an ISO date from its first character', () => {
    for (const bad of ['x1990-05-17', 'born 1990-05-17', '1990-05-1', '1990-5-17']) {
      expect(maskBirthDate(bad)).toBe('•••');
      expect(generaliseBirthDate(bad)).toBe('•••');
    }
  });
});

describe('maskStreetAddress edges', () => {
  it('keeps the street up to a number written without a space', () => {
    expect(maskStreetAddress('Mannerheimintie5')).toBe('Mannerheimintie •••');
    expect(maskStreetAddress('Rue B12')).toBe('Rue B •••');
  });
});

describe('generaliseStreetAddress edges', () => {
  it('trims the postal code and district', () => {
    expect(generaliseStreetAddress({ postalCode: ' 00100 ', district: ' Kallio ' })).toBe('00100 Kallio');
  });
});
