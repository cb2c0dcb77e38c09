import { describe, expect, it } from 'vitest';
import { PolicyInputError, readPolicyFacts, readResidentFacts } from '../../../api/src/privacy/read-facts.js';

// Every malformed input must be rejected with a PolicyInputError that names the offending
// field, because that message is what an operator sees behind ENGINE_ERROR.

const SERVICE = { kind: 'service', organisationId: 'org-1' };
const VERSION = {
  id: 'pv-1',
  purposeId: 'p-1',
  version: 3,
  status: 'PUBLISHED',
  legalBasis: 'CONSENT',
  specialCategoryBasis: null,
  controllerId: 'org-1',
  recipientIds: ['org-2'],
  categories: { contact: 'MASKED' },
};
const CONSENTED = { id: 'pv-1', purposeId: 'p-1', version: 3, categories: { contact: 'FULL' } };
const NOW = new Date('2026-12-07T12:00:00Z');

function errorOf(run: () => unknown): PolicyInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyInputError);
    return error as PolicyInputError;
  }
  throw new Error('expected a PolicyInputError, nothing was thrown');
}

const policyError = (principal: unknown, version: unknown) => errorOf(() => readPolicyFacts(principal, version));
const residentError = (consent: unknown, now: unknown = NOW) =>
  errorOf(() => readResidentFacts({ consent, residentRestricted: false, now }));

describe('readPolicyFacts', () => {
  it('names its error class so logs can tell input errors from bugs', () => {
    expect(policyError(null, VERSION).name).toBe('PolicyInputError');
  });

  it('rejects a principal that is not an object, including a string', () => {
    expect(policyError(null, VERSION).message).toBe('principal is not an object');
    expect(policyError('service', VERSION).message).toBe('principal is not an object');
  });

  it('reads each principal kind, an unknown kind as unknown', () => {
    expect(readPolicyFacts(SERVICE, VERSION).principal).toEqual({ kind: 'service', organisationId: 'org-1' });
    expect(readPolicyFacts({ kind: 'resident' }, VERSION).principal).toEqual({ kind: 'resident' });
    expect(readPolicyFacts({ kind: 'system' }, VERSION).principal).toEqual({ kind: 'system' });
    expect(readPolicyFacts({ kind: 'root' }, VERSION).principal).toEqual({ kind: 'unknown' });
    expect(
      readPolicyFacts({ kind: 'officer', roles: ['OFFICER', 'OFFICER'], hasStatedReason: 'yes' }, VERSION).principal,
    ).toEqual({ kind: 'officer', roles: new Set(['OFFICER']), hasStatedReason: false });
  });

  it('names the principal field that is malformed', () => {
    expect(policyError({ kind: 'service', organisationId: '' }, VERSION).message).toBe(
      'principal.organisationId is not a non-empty string',
    );
    expect(policyError({ kind: 'officer', roles: 'ADMIN' }, VERSION).message).toBe('principal.roles is not an array');
    expect(policyError({ kind: 'officer', roles: ['OFFICER', 7] }, VERSION).message).toBe(
      'principal.roles[] is not a non-empty string',
    );
  });

  it('reads a well-formed purpose version into sets and maps', () => {
    expect(readPolicyFacts(SERVICE, VERSION).version).toEqual({
      ...VERSION,
      recipientIds: new Set(['org-2']),
      categories: new Map([['contact', 'MASKED']]),
    });
  });

  it('treats an absent or null special-category basis as none, and reads a known one', () => {
    const { specialCategoryBasis: _omitted, ...withoutBasis } = VERSION;
    expect(readPolicyFacts(SERVICE, withoutBasis).version.specialCategoryBasis).toBeNull();
    expect(readPolicyFacts(SERVICE, VERSION).version.specialCategoryBasis).toBeNull();
    expect(
      readPolicyFacts(SERVICE, { ...VERSION, specialCategoryBasis: 'EXPLICIT_CONSENT' }).version.specialCategoryBasis,
    ).toBe('EXPLICIT_CONSENT');
  });

  it.each([
    [{ ...VERSION, id: '' }, 'purposeVersion.id is not a non-empty string'],
    [{ ...VERSION, purposeId: 5 }, 'purposeVersion.purposeId is not a non-empty string'],
    [{ ...VERSION, version: 1.5 }, 'purposeVersion.version is not an integer'],
    [{ ...VERSION, version: '3' }, 'purposeVersion.version is not an integer'],
    [{ ...VERSION, status: 'LIVE' }, 'purposeVersion.status is not one of DRAFT, PENDING_APPROVAL, PUBLISHED, RETIRED'],
    [{ ...VERSION, legalBasis: 'WHIM' }, expect.stringMatching(/^purposeVersion\.legalBasis is not one of CONSENT, /)],
    [
      { ...VERSION, specialCategoryBasis: 'HUNCH' },
      expect.stringMatching(/^purposeVersion\.specialCategoryBasis is not one of EXPLICIT_CONSENT, /),
    ],
    [{ ...VERSION, controllerId: null }, 'purposeVersion.controllerId is not a non-empty string'],
    [{ ...VERSION, recipientIds: 'org-2' }, 'purposeVersion.recipientIds is not an array'],
    [{ ...VERSION, recipientIds: [''] }, 'purposeVersion.recipientIds[] is not a non-empty string'],
    [{ ...VERSION, categories: null }, 'purposeVersion.categories is not an object'],
    [{ ...VERSION, categories: [] }, 'purposeVersion.categories is an array'],
    [
      { ...VERSION, categories: { contact: 'ALL' } },
      'purposeVersion.categories[contact] is not one of FULL, MASKED, GENERALISED',
    ],
  ])('rejects a malformed purpose version (%#)', (version, message) => {
    expect(policyError(SERVICE, version).message).toEqual(message);
  });

  it('rejects a purpose version that is not an object', () => {
    expect(policyError(SERVICE, undefined).message).toBe('purposeVersion is not an object');
  });
});

describe('readResidentFacts', () => {
  it('reads each consent state', () => {
    const read = (consent: unknown) => readResidentFacts({ consent, residentRestricted: false, now: NOW }).consent;
    const consented = { ...CONSENTED, categories: new Map([['contact', 'FULL']]) };
    expect(read({ kind: 'none' })).toEqual({ kind: 'none' });
    expect(read({ kind: 'granted', consentedVersion: CONSENTED, expiresAt: null })).toEqual({
      kind: 'granted',
      consented,
      expiresAt: null,
    });
    expect(read({ kind: 'granted', consentedVersion: CONSENTED, expiresAt: NOW })).toEqual({
      kind: 'granted',
      consented,
      expiresAt: NOW.getTime(),
    });
    expect(read({ kind: 'unconfirmed', consentedVersion: CONSENTED })).toEqual({ kind: 'unconfirmed', consented });
    expect(read({ kind: 'withdrawn', withdrawnAt: NOW })).toEqual({ kind: 'withdrawn', at: NOW.getTime() });
    expect(read({ kind: 'expired', expiredAt: NOW })).toEqual({ kind: 'expired', at: NOW.getTime() });
  });

  it('counts anything but an explicit false as restricted', () => {
    const restricted = (flag: unknown) =>
      readResidentFacts({ consent: { kind: 'none' }, residentRestricted: flag, now: NOW }).restricted;
    expect(restricted(false)).toBe(false);
    expect(restricted(undefined)).toBe(true);
    expect(restricted(0)).toBe(true);
  });

  it.each([
    ['x', 'consent is not an object'],
    [{ kind: 'revoked' }, 'consent.kind is not a known consent state'],
    [{ kind: 'granted', consentedVersion: null, expiresAt: null }, 'consent.consentedVersion is not an object'],
    [
      { kind: 'unconfirmed', consentedVersion: { ...CONSENTED, id: '' } },
      'consent.consentedVersion.id is not a non-empty string',
    ],
    [
      { kind: 'unconfirmed', consentedVersion: { ...CONSENTED, purposeId: '' } },
      'consent.consentedVersion.purposeId is not a non-empty string',
    ],
    [
      { kind: 'unconfirmed', consentedVersion: { ...CONSENTED, version: Number.NaN } },
      'consent.consentedVersion.version is not an integer',
    ],
    [
      { kind: 'unconfirmed', consentedVersion: { ...CONSENTED, categories: 'contact' } },
      'consent.consentedVersion.categories is not an object',
    ],
    [{ kind: 'granted', consentedVersion: CONSENTED, expiresAt: '2027-01-01' }, 'consent.expiresAt is not a Date'],
    [
      { kind: 'granted', consentedVersion: CONSENTED, expiresAt: new Date('nope') },
      'consent.expiresAt is an invalid Date',
    ],
    [{ kind: 'withdrawn', withdrawnAt: 0 }, 'consent.withdrawnAt is not a Date'],
    [{ kind: 'expired', expiredAt: undefined }, 'consent.expiredAt is not a Date'],
  ])('rejects a malformed consent (%#)', (consent, message) => {
    expect(residentError(consent).message).toBe(message);
  });

  it('rejects a clock that is not a valid Date', () => {
    expect(residentError({ kind: 'none' }, Date.now()).message).toBe('now is not a Date');
    expect(residentError({ kind: 'none' }, new Date(Number.NaN)).message).toBe('now is an invalid Date');
  });
});
