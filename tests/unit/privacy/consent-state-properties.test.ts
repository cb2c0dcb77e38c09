// deriveConsentState over random consent histories: the rules that decide whether a consent
// still holds at an instant, stated as properties rather than examples. Times are whole
// seconds in a small window, so grants, withdrawals, expiries and `now` often coincide —
// the equal-instant cases are where an off-by-one in a comparison would hide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentEventRecord,
  type ConsentedVersion,
  type ConsentRecord,
  deriveConsentState,
} from '../../../api/src/privacy/index.js';

const PURPOSE = 'purpose-under-test';
const BASE = Date.parse('2027-05-01T09:00:00.000Z');
const at = (second: number) => new Date(BASE + second * 1000);
const version = (n: number): ConsentedVersion => ({
  id: `pv-${n}`,
  purposeId: PURPOSE,
  version: n,
  categories: { contact: 'FULL' },
});

const second = fc.integer({ min: 0, max: 8 });
const eventArb: fc.Arbitrary<ConsentEventRecord> = fc.record({
  type: fc.constantFrom<ConsentEventRecord['type']>('CONFIRMED', 'WITHDRAWN', 'EXPIRED'),
  occurredAt: second.map(at),
});
const recordArb: fc.Arbitrary<ConsentRecord> = fc
  .record({
    version: fc.integer({ min: 1, max: 3 }),
    grantedAt: second,
    expiresAt: fc.option(second, { nil: null }),
    needsConfirmation: fc.boolean(),
    events: fc.array(eventArb, { maxLength: 3 }),
  })
  .map(({ version: n, grantedAt, expiresAt, needsConfirmation, events }) => ({
    consentedVersion: version(n),
    grantedAt: at(grantedAt),
    expiresAt: expiresAt === null ? null : at(expiresAt),
    needsConfirmation,
    events: [{ type: 'GRANTED' as const, occurredAt: at(grantedAt) }, ...events],
  }));
const historyArb = fc.array(recordArb, { minLength: 1, maxLength: 4 });

const derive = (records: readonly ConsentRecord[], now: Date) =>
  deriveConsentState({ purposeId: PURPOSE, records, now });

const grant = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  consentedVersion: version(1),
  grantedAt: at(2),
  expiresAt: null,
  needsConfirmation: false,
  events: [{ type: 'GRANTED', occurredAt: at(2) }],
  ...over,
});

describe('the equal-instant rule', () => {
  it('a withdrawal at the very instant of the grant ends that grant', () => {
    const record = grant({ events: [...grant().events, { type: 'WITHDRAWN', occurredAt: at(2) }] });
    expect(derive([record], at(5))).toEqual({ kind: 'withdrawn', withdrawnAt: at(2) });
  });

  it('a withdrawal recorded on another row at the instant of a new grant ends the new grant too', () => {
    const withdrawn = grant({
      grantedAt: at(0),
      events: [
        { type: 'GRANTED', occurredAt: at(0) },
        { type: 'WITHDRAWN', occurredAt: at(3) },
      ],
    });
    const regrant = grant({
      consentedVersion: version(2),
      grantedAt: at(3),
      events: [{ type: 'GRANTED', occurredAt: at(3) }],
    });
    expect(derive([withdrawn, regrant], at(5)).kind).toBe('withdrawn');
    // One millisecond later the new grant stands.
    const later = { ...regrant, grantedAt: new Date(at(3).getTime() + 1) };
    expect(derive([withdrawn, later], at(5))).toMatchObject({ kind: 'granted', consentedVersion: version(2) });
  });

  it('a consent expiring at the request instant no longer holds at it', () => {
    expect(derive([grant({ expiresAt: at(5) })], at(5))).toEqual({ kind: 'expired', expiredAt: at(5) });
    expect(derive([grant({ expiresAt: at(5) })], new Date(at(5).getTime() - 1)).kind).toBe('granted');
  });
});

describe('deriveConsentState properties', () => {
  it('grants only through a record that is unwithdrawn, unexpired and confirmed where needed', () => {
    fc.assert(
      fc.property(historyArb, second, (records, nowSecond) => {
        const now = at(nowSecond);
        const state = derive(records, now);
        if (state.kind !== 'granted') return;
        const withdrawals = records.flatMap((r) => r.events.filter((e) => e.type === 'WITHDRAWN'));
        const holding = records.filter(
          (r) =>
            r.consentedVersion.id === state.consentedVersion.id &&
            r.expiresAt === state.expiresAt &&
            !withdrawals.some((w) => w.occurredAt >= r.grantedAt) &&
            !r.events.some((e) => e.type === 'EXPIRED') &&
            (r.expiresAt === null || r.expiresAt > now) &&
            (!r.needsConfirmation || r.events.some((e) => e.type === 'CONFIRMED' && e.occurredAt <= now)),
        );
        expect(holding.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('an EXPIRED event ends its record, whenever it was recorded', () => {
    fc.assert(
      fc.property(recordArb, second, second, (record, expiredSecond, nowSecond) => {
        const expired = {
          ...record,
          events: [...record.events, { type: 'EXPIRED' as const, occurredAt: at(expiredSecond) }],
        };
        const state = derive([expired], at(nowSecond));
        expect(state.kind === 'expired' || state.kind === 'withdrawn').toBe(true);
        if (state.kind === 'expired') {
          const first = expired.events.find((e) => e.type === 'EXPIRED');
          expect(state.expiredAt).toEqual(first?.occurredAt);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('once expired by its date, a consent stays expired at every later instant', () => {
    fc.assert(
      fc.property(recordArb, second, fc.integer({ min: 0, max: 5 }), (record, nowSecond, more) => {
        const now = at(nowSecond);
        const state = derive([record], now);
        if (state.kind !== 'expired') return;
        expect(derive([record], at(nowSecond + more)).kind).toBe('expired');
        if (!record.events.some((e) => e.type === 'EXPIRED')) {
          expect(state.expiredAt).toEqual(record.expiresAt);
          expect(record.expiresAt === null ? false : record.expiresAt <= now).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('expiring a record never grants more: an EXPIRED event added anywhere turns no denial into a grant', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), second, second, (records, index, expiredSecond, nowSecond) => {
        const now = at(nowSecond);
        const target = index % records.length;
        const before = derive(records, now);
        const after = derive(
          records.map((r, i) =>
            i === target
              ? { ...r, events: [...r.events, { type: 'EXPIRED' as const, occurredAt: at(expiredSecond) }] }
              : r,
          ),
          now,
        );
        if (before.kind !== 'granted') expect(after.kind).not.toBe('granted');
      }),
      { numRuns: 300 },
    );
  });

  it('ignores another purpose’s records entirely', () => {
    fc.assert(
      fc.property(historyArb, historyArb, second, (mine, theirs, nowSecond) => {
        const other = theirs.map((r) => ({ ...r, consentedVersion: { ...r.consentedVersion, purposeId: 'other' } }));
        expect(derive([...mine, ...other], at(nowSecond))).toEqual(derive(mine, at(nowSecond)));
      }),
      { numRuns: 200 },
    );
  });
});
