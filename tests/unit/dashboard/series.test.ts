// Chart series: zeros for quiet days, consents in force carried from day to day.
import { describe, expect, it } from 'vitest';
import { isDay, listDays } from '../../../api/src/dashboard/days.js';
import { buildConsentSeries, buildReadSeries } from '../../../api/src/dashboard/series.js';

describe('days', () => {
  it('lists both ends and crosses month ends and leap days', () => {
    expect(listDays('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });
  it('accepts only real calendar days', () => {
    expect(isDay('2027-02-28')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('2027-2-28')).toBe(false);
  });
});

describe('buildConsentSeries', () => {
  const days = ['2027-03-01', '2027-03-02', '2027-03-03'];

  it('starts from the consents in force and applies each day’s grants, withdrawals and expiries', () => {
    const [series] = buildConsentSeries(
      [{ purposeId: 'p', active: 10 }],
      [
        { purposeId: 'p', day: '2027-03-01', type: 'GRANTED', count: 3 },
        { purposeId: 'p', day: '2027-03-01', type: 'CONFIRMED', count: 2 },
        { purposeId: 'p', day: '2027-03-03', type: 'WITHDRAWN', count: 4 },
        { purposeId: 'p', day: '2027-03-03', type: 'EXPIRED', count: 1 },
      ],
      days,
    );
    expect(series?.points.map((p) => p.active)).toEqual([13, 13, 8]);
    expect(series?.points[0]).toEqual({
      day: '2027-03-01',
      granted: 3,
      confirmed: 2,
      withdrawn: 0,
      expired: 0,
      active: 13,
    });
    expect(series?.points[1]).toMatchObject({ granted: 0, withdrawn: 0 });
  });

  it('has a series for a purpose with consents in force but no events in the range', () => {
    const series = buildConsentSeries([{ purposeId: 'quiet', active: 5 }], [], days);
    expect(series).toEqual([
      { purposeId: 'quiet', points: days.map((day) => expect.objectContaining({ day, active: 5 })) },
    ]);
  });
});

describe('buildReadSeries', () => {
  it('fills quiet days with zeros and puts the busiest organisation first', () => {
    const series = buildReadSeries(
      [
        { organisationId: 'a', day: '2027-03-01', reads: 2, refused: 1 },
        { organisationId: 'b', day: '2027-03-02', reads: 7, refused: 0 },
      ],
      ['2027-03-01', '2027-03-02'],
    );
    expect(series.map((s) => [s.organisationId, s.total])).toEqual([
      ['b', 7],
      ['a', 2],
    ]);
    expect(series[1]?.points).toEqual([
      { day: '2027-03-01', reads: 2, refused: 1 },
      { day: '2027-03-02', reads: 0, refused: 0 },
    ]);
  });
});
