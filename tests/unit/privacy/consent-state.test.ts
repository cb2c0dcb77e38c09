import { describe, expect, it } from 'vitest';
import {
  type ConsentEventRecord,
  type ConsentedVersion,
  type ConsentRecord,
  deriveConsentState,
} from '../../../api/src/privacy/index.js';

const PURPOSE = 'purpose-participation';
const V1: ConsentedVersion = {
  id: 'pv-1',
  purposeId: PURPOSE,
  version: 1,
  categories: { 'identity.name': 'FULL', contact: 'FULL' },
};
const V2: ConsentedVersion = {
  ...V1,
  id: 'pv-2',
  version: 2,
  categories: { ...V1.categories, address: 'GENERALISED' },
};
const NOW = new Date('2027-03-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

function record(over: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    consentedVersion: V1,
    grantedAt: at('2027-01-01T00:00:00Z'),
    expiresAt: null,
    needsConfirmation: false,
    events: [{ type: 'GRANTED', occurredAt: at('2027-01-01T00:00:00Z') }],
    ...over,
  };
}
const event = (type: ConsentEventRecord['type'], iso: string): ConsentEventRecord => ({ type, occurredAt: at(iso) });
const derive = (...records: ConsentRecord[]) => deriveConsentState({ purposeId: PURPOSE, records, now: NOW });

describe('deriveConsentState', () => {
  it('is none without a consent to this purpose', () => {
    expect(derive()).toEqual({ kind: 'none' });
    expect(derive(record({ consentedVersion: { ...V1, purposeId: 'purpose-other' } }))).toEqual({ kind: 'none' });
  });

  it('is granted with the consented version and its expiry', () => {
    const expiresAt = at('2028-01-01T00:00:00Z');
    expect(derive(record({ expiresAt }))).toEqual({ kind: 'granted', consentedVersion: V1, expiresAt });
  });

  it('is expired once expiresAt is reached, or after an EXPIRED event', () => {
    expect(derive(record({ expiresAt: NOW }))).toEqual({ kind: 'expired', expiredAt: NOW });
    const swept = record({
      events: [event('GRANTED', '2027-01-01T00:00:00Z'), event('EXPIRED', '2027-02-01T00:00:00Z')],
    });
    expect(derive(swept)).toEqual({ kind: 'expired', expiredAt: at('2027-02-01T00:00:00Z') });
  });

  it('needs the resident to confirm a consent a service recorded', () => {
    expect(derive(record({ needsConfirmation: true }))).toEqual({ kind: 'unconfirmed', consentedVersion: V1 });
    const confirmed = record({
      needsConfirmation: true,
      events: [event('GRANTED', '2027-01-01T00:00:00Z'), event('CONFIRMED', '2027-01-02T00:00:00Z')],
    });
    expect(derive(confirmed).kind).toBe('granted');
    // A confirmation stamped after the request's instant does not count yet.
    const future = record({ needsConfirmation: true, events: [event('CONFIRMED', '2027-03-02T00:00:00Z')] });
    expect(derive(future).kind).toBe('unconfirmed');
  });

  it('is withdrawn after a withdrawal, and a withdrawal ends every earlier grant of the purpose', () => {
    const withdrawn = record({ events: [event('WITHDRAWN', '2027-02-01T00:00:00Z')] });
    expect(derive(withdrawn)).toEqual({ kind: 'withdrawn', withdrawnAt: at('2027-02-01T00:00:00Z') });
    // v1 (no withdrawal event of its own) and v2 withdrawn later: v1 must not come back.
    const v1 = record();
    const v2 = record({
      consentedVersion: V2,
      grantedAt: at('2027-01-15T00:00:00Z'),
      events: [event('WITHDRAWN', '2027-02-01T00:00:00Z')],
    });
    expect(derive(v1, v2)).toEqual({ kind: 'withdrawn', withdrawnAt: at('2027-02-01T00:00:00Z') });
  });

  it('is granted again after a fresh grant that follows a withdrawal', () => {
    const old = record({ events: [event('WITHDRAWN', '2027-01-10T00:00:00Z')] });
    const fresh = record({ consentedVersion: V2, grantedAt: at('2027-02-01T00:00:00Z') });
    expect(derive(old, fresh)).toEqual({ kind: 'granted', consentedVersion: V2, expiresAt: null });
  });

  it('keeps a valid older consent when the newer one is still unconfirmed', () => {
    const v1 = record();
    const v2 = record({ consentedVersion: V2, grantedAt: at('2027-02-01T00:00:00Z'), needsConfirmation: true });
    expect(derive(v1, v2)).toEqual({ kind: 'granted', consentedVersion: V1, expiresAt: null });
  });

  it('takes the newest valid grant, and explains with the newest grant when none is valid', () => {
    const v1 = record();
    const v2 = record({ consentedVersion: V2, grantedAt: at('2027-02-01T00:00:00Z') });
    expect(derive(v2, v1)).toEqual({ kind: 'granted', consentedVersion: V2, expiresAt: null });
    const v1Expired = record({ expiresAt: at('2027-02-01T00:00:00Z') });
    const v2Unconfirmed = record({
      consentedVersion: V2,
      grantedAt: at('2027-02-01T00:00:00Z'),
      needsConfirmation: true,
    });
    expect(derive(v1Expired, v2Unconfirmed)).toEqual({ kind: 'unconfirmed', consentedVersion: V2 });
  });
});
