import { describe, expect, it } from 'vitest';
import { shapeValue } from '../../../api/src/privacy/shape.js';

// shapeValue must fail closed on values of an unexpected type, and pass only the coarse
// address and demographic fields through unchanged.

describe('shapeValue edges', () => {
  it('gives null for a missing value even at FULL', () => {
    expect(shapeValue('contact', 'email', 'FULL', undefined)).toBeNull();
    expect(shapeValue('contact', 'email', 'FULL', null)).toBeNull();
  });

  it('withholds a String object rather than masking it like text', () => {
    // A String wrapper has string methods but is not a string: it is an unexpected type.
    const wrapped = new String('Virtanen');
    expect(shapeValue('identity.name', 'lastName', 'MASKED', wrapped)).toBeNull();
    expect(shapeValue('demographics', 'birthDate', 'MASKED', new String('1990-05-17'))).toBeNull();
  });

  it('shapes a birth date given as text or Date at each reduced level', () => {
    const date = new Date(Date.UTC(1990, 4, 17));
    expect(shapeValue('demographics', 'birthDate', 'MASKED', '1990-05-17')).toBe('1990-••-••');
    expect(shapeValue('demographics', 'birthDate', 'GENERALISED', '1990-05-17')).toBe('1990');
    expect(shapeValue('demographics', 'birthDate', 'MASKED', date)).toBe('1990-••-••');
    expect(shapeValue('demographics', 'birthDate', 'GENERALISED', date)).toBe('1990');
    expect(shapeValue('demographics', 'birthDate', 'GENERALISED', 19900517)).toBeNull();
  });

  it('does not generalise a street address that is not text, even with an area at hand', () => {
    const area = { postalCode: '00100', district: 'Kallio' };
    expect(shapeValue('address', 'streetAddress', 'GENERALISED', 'Mannerheimintie 5', area)).toBe('00100 Kallio');
    expect(shapeValue('address', 'streetAddress', 'GENERALISED', 5, area)).toBeNull();
    expect(shapeValue('address', 'streetAddress', 'MASKED', 5, area)).toBeNull();
  });

  it.each([
    ['address', 'postalCode', '00100'],
    ['address', 'city', 'Helsinki'],
    ['address', 'district', 'Kallio'],
    ['demographics', 'language', 'fi'],
    ['demographics', 'householdType', 'SINGLE'],
  ])('passes %s.%s text unchanged at reduced levels, and withholds other types', (category, field, text) => {
    expect(shapeValue(category, field, 'MASKED', text)).toBe(text);
    expect(shapeValue(category, field, 'GENERALISED', text)).toBe(text);
    expect(shapeValue(category, field, 'MASKED', 100)).toBeNull();
  });
});
