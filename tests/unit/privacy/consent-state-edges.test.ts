import { describe, expect, it } from 'vitest';
import {
  type ConsentEventRecord,
  type ConsentedVersion,
  type ConsentRecord,
  deriveConsentState,
} from '../../../api/src/privacy/index.js';

const PURPOSE = 'purpose-participation';
const V1: ConsentedVersion = { id: 'pv-1', purposeId: PURPOSE, version: 1, categories: { contact: 'FULL' } };
const V2: ConsentedVersion = { ...V1, id: 'pv-2', version: 2 };
const NOW = new Date('2027-03-01T12:00:00Z');
const at = (iso: string) => new Date(iso);
const GRANTED_AT = '2027-01-01T00:00:00Z';

function record(over: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    consentedVersion: V1,
    grantedAt: at(GRANTED_AT),
    expiresAt: null,
    needsConfirmation: false,
    events: [{ type: 'GRANTED', occurredAt: at(GRANTED_AT) }],
    ...over,
  };
}
const event = (type: ConsentEventRecord['type'], occurredAt: Date): ConsentEventRecord => ({ type, occurredAt });
const derive = (...records: ConsentRecord[]) => deriveConsentState({ purposeId: PURPOSE, records, now: NOW });

describe('deriveConsentState edges', () => {
  it('counts a withdrawal with an unreadable time as a withdrawal', () => {
    const state = derive(
      record({ events: [event('GRANTED', at(GRANTED_AT)), event('WITHDRAWN', new Date(Number.NaN))] }),
    );
    expect(state.kind).toBe('withdrawn');
    expect(state.kind === 'withdrawn' && Number.isNaN(state.withdrawnAt.getTime())).toBe(true);
  });

  it('reports the earliest of several withdrawals after the grant', () => {
    const first = at('2027-01-10T00:00:00Z');
    const second = at('2027-02-10T00:00:00Z');
    const events = [event('GRANTED', at(GRANTED_AT)), event('WITHDRAWN', first), event('WITHDRAWN', second)];
    expect(derive(record({ events }))).toEqual({ kind: 'withdrawn', withdrawnAt: first });
    expect(
      derive(
        record({
          events: [events[0] as ConsentEventRecord, events[2] as ConsentEventRecord, events[1] as ConsentEventRecord],
        }),
      ),
    ).toEqual({
      kind: 'withdrawn',
      withdrawnAt: first,
    });
  });

  it('counts a confirmation made exactly now', () => {
    const confirmedNow = record({
      needsConfirmation: true,
      events: [event('GRANTED', at(GRANTED_AT)), event('CONFIRMED', NOW)],
    });
    expect(derive(confirmedNow)).toEqual({ kind: 'granted', consentedVersion: V1, expiresAt: null });
  });

  it('lets the higher version decide between grants made at the same time, in either order', () => {
    const expected = { kind: 'granted', consentedVersion: V2, expiresAt: null };
    expect(derive(record(), record({ consentedVersion: V2 }))).toEqual(expected);
    expect(derive(record({ consentedVersion: V2 }), record())).toEqual(expected);
  });
});
