import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generaliseBirthDate,
  generaliseEmail,
  generalisePersonalIdentityCode,
  generalisePhone,
  generaliseStreetAddress,
  maskBirthDate,
  maskEmail,
  maskName,
  maskPersonalIdentityCode,
  maskPhone,
  maskStreetAddress,
  shapeValue,
} from '../../../api/src/privacy/index.js';

describe('maskEmail / generaliseEmail', () => {
  it('keeps the first letter and the domain, or only the domain', () => {
    expect(maskEmail('anna.virtanen@example.invalid')).toBe('a•••@example.invalid');
    expect(generaliseEmail('anna.virtanen@example.invalid')).toBe('•••@example.invalid');
  });
  it('uses the last @ as the domain separator', () => {
    expect(maskEmail('"odd@name"@example.invalid')).toBe('"•••@example.invalid');
  });
  it('hides what it cannot take apart', () => {
    for (const bad of ['', 'no-at-sign', '@example.invalid', 'anna@', '   ']) {
      expect(maskEmail(bad)).toBe('•••');
      expect(generaliseEmail(bad)).toBe('•••');
    }
  });
});

describe('maskPhone / generalisePhone', () => {
  it('shows the last two digits in a fixed frame, whatever the formatting', () => {
    expect(maskPhone('+358 40 123 4567')).toBe('••• •••• 67');
    expect(maskPhone('040-1234567')).toBe('••• •••• 67');
    expect(maskPhone('+358401234567')).toBe('••• •••• 67');
  });
  it('hides short numbers entirely, and generalises to nothing', () => {
    expect(maskPhone('112')).toBe('••• •••• ••');
    expect(maskPhone('123456')).toBe('••• •••• ••');
    expect(generalisePhone('+358 40 123 4567')).toBe('••• •••• ••');
  });
});

describe('maskName', () => {
  it('keeps the initial', () => {
    expect(maskName('Virtanen')).toBe('V.');
    expect(maskName('Äijälä')).toBe('Ä.');
    expect(maskName(' Anna-Liisa ')).toBe('A.');
  });
  it('hides names the initial would spell out whole', () => {
    expect(maskName('A')).toBe('•••');
    expect(maskName('A.')).toBe('•••');
    expect(maskName('')).toBe('•••');
  });
});

describe('maskPersonalIdentityCode / generalisePersonalIdentityCode', () => {
  it('keeps the birth date part and century sign, hides the individual number and check character', () => {
    expect(maskPersonalIdentityCode('010190-900R')).toBe('010190-••••');
    expect(maskPersonalIdentityCode('010105A9201')).toBe('010105A••••');
    expect(maskPersonalIdentityCode('010190y900r')).toBe('010190Y••••');
  });
  it('generalises to the birth year, reading the century sign', () => {
    expect(generalisePersonalIdentityCode('010190-900R')).toBe('1990');
    expect(generalisePersonalIdentityCode('010190Y900R')).toBe('1990');
    expect(generalisePersonalIdentityCode('010105A9201')).toBe('2005');
    expect(generalisePersonalIdentityCode('010195+900R')).toBe('1895');
  });
  it('hides malformed codes entirely', () => {
    expect(maskPersonalIdentityCode('0101-900R')).toBe('••••••-••••');
    expect(maskPersonalIdentityCode('010190Z900R')).toBe('••••••-••••');
    expect(generalisePersonalIdentityCode('nonsense')).toBe('•••');
  });
});

describe('maskBirthDate / generaliseBirthDate', () => {
  it('keeps the year, from a Date (UTC) or an ISO string', () => {
    expect(generaliseBirthDate(new Date('1990-05-17T00:00:00Z'))).toBe('1990');
    expect(generaliseBirthDate('1990-05-17')).toBe('1990');
    expect(maskBirthDate(new Date('1990-12-31T00:00:00Z'))).toBe('1990-••-••');
    expect(maskBirthDate('1990-05-17T00:00:00.000Z')).toBe('1990-••-••');
  });
  it('hides invalid dates entirely', () => {
    expect(generaliseBirthDate(new Date(Number.NaN))).toBe('•••');
    expect(maskBirthDate('17.5.1990')).toBe('•••');
  });
});

describe('maskStreetAddress / generaliseStreetAddress', () => {
  it('masks to the street without number, staircase or flat', () => {
    expect(maskStreetAddress('Mannerheimintie 5 A 12')).toBe('Mannerheimintie •••');
    expect(maskStreetAddress('Pohjoinen Rautatiekatu 21 B')).toBe('Pohjoinen Rautatiekatu •••');
  });
  it('hides an address with no number to cut off', () => {
    expect(maskStreetAddress('Mannerheimintie')).toBe('•••');
    expect(maskStreetAddress('5 Main Street')).toBe('•••');
  });
  it('generalises to postal code and district', () => {
    expect(generaliseStreetAddress({ postalCode: '00100', district: 'Kallio' })).toBe('00100 Kallio');
    expect(generaliseStreetAddress({ postalCode: '00100' })).toBe('00100');
    expect(generaliseStreetAddress({})).toBe('•••');
  });
});

describe('shapeValue', () => {
  const area = { postalCode: '00530', district: 'Kallio' };

  it('returns the value as held at FULL', () => {
    const date = new Date('1990-05-17T00:00:00Z');
    expect(shapeValue('demographics', 'birthDate', 'FULL', date)).toBe(date);
    expect(shapeValue('special.accessibility', 'needs', 'FULL', ['MOBILITY'])).toEqual(['MOBILITY']);
  });

  it('dispatches on category and field', () => {
    expect(shapeValue('contact', 'email', 'MASKED', 'anna.virtanen@example.invalid')).toBe('a•••@example.invalid');
    expect(shapeValue('contact', 'phone', 'MASKED', '+358 40 123 4567')).toBe('••• •••• 67');
    expect(shapeValue('identity.name', 'firstName', 'MASKED', 'Anna')).toBe('A.');
    expect(shapeValue('identity.name', 'lastName', 'GENERALISED', 'Virtanen')).toBe('V.');
    expect(shapeValue('identity.pic', 'personalIdentityCode', 'MASKED', '010190-900R')).toBe('010190-••••');
    expect(shapeValue('identity.pic', 'personalIdentityCode', 'GENERALISED', '010190-900R')).toBe('1990');
    expect(shapeValue('demographics', 'birthDate', 'GENERALISED', new Date('1990-05-17T00:00:00Z'))).toBe('1990');
    expect(shapeValue('address', 'streetAddress', 'GENERALISED', 'Fleminginkatu 3 B 7', area)).toBe('00530 Kallio');
    expect(shapeValue('address', 'streetAddress', 'MASKED', 'Fleminginkatu 3 B 7', area)).toBe('Fleminginkatu •••');
    expect(shapeValue('address', 'postalCode', 'GENERALISED', '00530')).toBe('00530');
    expect(shapeValue('demographics', 'language', 'GENERALISED', 'FI')).toBe('FI');
  });

  it('is null for a missing value at every level', () => {
    for (const level of ['FULL', 'MASKED', 'GENERALISED'] as const) {
      expect(shapeValue('contact', 'email', level, null)).toBeNull();
      expect(shapeValue('contact', 'email', level, undefined)).toBeNull();
    }
  });

  it('withholds (null) what it has no partial form for, including special categories', () => {
    expect(shapeValue('special.accessibility', 'needs', 'MASKED', ['MOBILITY'])).toBeNull();
    expect(shapeValue('interests', 'topics', 'GENERALISED', ['jazz'])).toBeNull();
    expect(shapeValue('contact', 'fax', 'MASKED', '+358 9 123 4567')).toBeNull();
    expect(shapeValue('made.up', 'email', 'MASKED', 'anna@example.invalid')).toBeNull();
    // The address parts pass only inside the address category.
    expect(shapeValue('contact', 'postalCode', 'MASKED', '00530')).toBeNull();
  });

  it('withholds values of an unexpected type, an unknown level, and values that throw', () => {
    expect(shapeValue('contact', 'email', 'MASKED', 42)).toBeNull();
    expect(shapeValue('contact', 'email', 'DENIED' as never, 'anna@example.invalid')).toBeNull();
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('boom');
        },
      },
    );
    expect(shapeValue('demographics', 'birthDate', 'MASKED', hostile)).toBeNull();
  });
});

describe('(f) masking and generalising never return the full value', () => {
  const REDUCED = ['MASKED', 'GENERALISED'] as const;
  // Every field with a shaper that transforms the value (address parts, language and
  // household type pass unchanged by design and are not listed).
  const SHAPED = [
    ['identity.name', 'firstName'],
    ['identity.name', 'lastName'],
    ['identity.pic', 'personalIdentityCode'],
    ['contact', 'email'],
    ['contact', 'phone'],
    ['demographics', 'birthDate'],
    ['address', 'streetAddress'],
  ] as const;

  function expectHidden(shaped: unknown, value: string): void {
    expect(shaped).not.toBe(value);
    if (typeof shaped === 'string') expect(shaped.includes(value)).toBe(false);
  }

  it('for any string in any shaped field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHAPED),
        fc.constantFrom(...REDUCED),
        fc.string({ minLength: 2 }),
        ([category, field], level, value) => {
          expectHidden(shapeValue(category, field, level, value), value);
        },
      ),
      { numRuns: 5000 },
    );
  });

  const name = fc.stringMatching(/^[A-ZÅÄÖ][a-zåäö]{1,12}(-[A-ZÅÄÖ][a-zåäö]{1,12})?$/);
  const email = fc.emailAddress();
  const phone = fc.oneof(
    fc.stringMatching(/^\+358 \d{2} \d{3} \d{4}$/),
    fc.stringMatching(/^0\d{2}-?\d{7}$/),
    fc.stringMatching(/^\+\d{7,14}$/),
  );
  const pic = fc.stringMatching(/^\d{6}[-+A-FU-Y]9\d{2}[0-9A-Y]$/);
  const birthDate = fc.date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const street = fc.stringMatching(/^[A-ZÄÖ][a-zäö]{2,15}(katu|tie|polku) \d{1,3}( [A-H] \d{1,3})?$/);
  const area = fc.record({
    postalCode: fc.stringMatching(/^\d{5}$/),
    district: fc.constantFrom('Kallio', 'Töölö', 'Vallila'),
  });

  it('for realistic names, e-mail addresses, phone numbers and identity codes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REDUCED), name, email, phone, pic, (level, n, e, p, code) => {
        expectHidden(shapeValue('identity.name', 'firstName', level, n), n);
        expectHidden(shapeValue('contact', 'email', level, e), e);
        expectHidden(shapeValue('contact', 'phone', level, p), p);
        const digits = p.replace(/\D/g, '');
        expect(String(shapeValue('contact', 'phone', level, p)).replace(/\D/g, '').length).toBeLessThanOrEqual(2);
        expect(digits.length).toBeGreaterThanOrEqual(7);
        const shapedCode = String(shapeValue('identity.pic', 'personalIdentityCode', level, code));
        expectHidden(shapedCode, code);
        // The individual number and check character never survive in their place (the birth
        // date part may by chance contain the same digits, e.g. 095520U9552).
        expect(shapedCode.slice(7)).not.toMatch(/[0-9A-Z]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('for realistic birth dates and street addresses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REDUCED), birthDate, street, area, (level, d, s, a) => {
        const isoDate = d.toISOString().slice(0, 10);
        expectHidden(shapeValue('demographics', 'birthDate', level, d), isoDate);
        expectHidden(shapeValue('demographics', 'birthDate', level, isoDate), isoDate);
        const shapedStreet = shapeValue('address', 'streetAddress', level, s, a);
        expectHidden(shapedStreet, s);
        // No house number survives either level.
        expect(String(shapedStreet).includes(s.slice(s.indexOf(' ')))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
