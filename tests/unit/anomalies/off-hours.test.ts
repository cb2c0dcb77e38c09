// Office hours in Europe/Helsinki, weekdays 07–18, judged by the zone's rules (UTC+2 in
// winter, UTC+3 in summer), and off-hours reads summed per organisation, service and local day.
import { describe, expect, it } from 'vitest';
import { findOffHoursReads, isOfficeHour } from '../../../api/src/anomalies/off-hours.js';
import { DEFAULT_ANOMALY_SETTINGS } from '../../../api/src/anomalies/settings.js';

const HOURS = DEFAULT_ANOMALY_SETTINGS;
const at = (iso: string) => new Date(iso);

describe('isOfficeHour (Europe/Helsinki, Mon–Fri 07–18)', () => {
  it.each([
    // Winter, UTC+2. Monday 1 March 2027.
    ['2027-03-01T04:59:00Z', false, '06:59 local'],
    ['2027-03-01T05:00:00Z', true, '07:00 local'],
    ['2027-03-01T15:59:00Z', true, '17:59 local'],
    ['2027-03-01T16:00:00Z', false, '18:00 local'],
    // Summer, UTC+3. Monday 7 June 2027: the same UTC hour is an hour later locally.
    ['2027-06-07T04:00:00Z', true, '07:00 local in summer'],
    ['2027-06-07T15:00:00Z', false, '18:00 local in summer'],
    // Saturday 6 March 2027 at noon.
    ['2027-03-06T10:00:00Z', false, 'Saturday'],
    // Sunday 22:30 UTC is Monday 00:30 local: a weekday, but at night.
    ['2027-02-28T22:30:00Z', false, 'Monday 00:30 local'],
  ])('%s is office time: %s (%s)', (iso, expected) => {
    expect(isOfficeHour(at(iso), HOURS)).toBe(expected);
  });

  it('follows configured hours and days', () => {
    const saturdayNoon = at('2027-03-06T10:00:00Z');
    expect(isOfficeHour(saturdayNoon, { ...HOURS, officeDays: [1, 2, 3, 4, 5, 6] })).toBe(true);
    expect(isOfficeHour(at('2027-03-01T06:30:00Z'), { ...HOURS, officeStartHour: 9 })).toBe(false);
  });
});

describe('findOffHoursReads', () => {
  const hourly = [
    // Monday 2 March local night (Monday 1 March 22:00 and 23:00 UTC are 00:00 and 01:00 on Tuesday).
    { organisationId: 'org-a', serviceId: 'svc-1', hour: at('2027-03-01T22:00:00Z'), reads: 4 },
    { organisationId: 'org-a', serviceId: 'svc-1', hour: at('2027-03-01T23:00:00Z'), reads: 6 },
    // Office hours: ignored.
    { organisationId: 'org-a', serviceId: 'svc-1', hour: at('2027-03-02T08:00:00Z'), reads: 500 },
    // Another service of the same organisation, same night: its own flag.
    { organisationId: 'org-a', serviceId: 'svc-2', hour: at('2027-03-02T02:00:00Z'), reads: 1 },
  ];

  it('sums off-hours reads per organisation, service and local day, with the hours they span', () => {
    expect(findOffHoursReads(hourly, HOURS)).toEqual([
      {
        organisationId: 'org-a',
        serviceId: 'svc-1',
        day: '2027-03-02',
        reads: 10,
        firstHour: at('2027-03-01T22:00:00Z'),
        lastHour: at('2027-03-01T23:00:00Z'),
      },
      {
        organisationId: 'org-a',
        serviceId: 'svc-2',
        day: '2027-03-02',
        reads: 1,
        firstHour: at('2027-03-02T02:00:00Z'),
        lastHour: at('2027-03-02T02:00:00Z'),
      },
    ]);
  });

  it('leaves out days below the minimum', () => {
    expect(findOffHoursReads(hourly, { ...HOURS, offHoursMinimumReads: 5 }).map((f) => f.serviceId)).toEqual(['svc-1']);
  });
});
