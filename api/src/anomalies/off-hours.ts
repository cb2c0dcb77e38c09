// Reads outside office hours. The database counts reads per hour; this decides which hours
// are outside the office day in the municipality's time zone (so daylight-saving changes
// are handled by the zone rules, not by a fixed offset) and sums them per organisation and
// service per local day.
import { localDay } from '../dashboard/days.js';
import type { AnomalySettings } from './settings.js';

export interface HourlyReads {
  organisationId: string;
  serviceId: string | null;
  /** The start of a UTC hour. */
  hour: Date;
  reads: number;
}

export interface OffHoursReads {
  organisationId: string;
  serviceId: string | null;
  day: string;
  reads: number;
  firstHour: Date;
  lastHour: Date;
}

type OfficeHours = Pick<AnomalySettings, 'timeZone' | 'officeDays' | 'officeStartHour' | 'officeEndHour'>;

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isOfficeHour(instant: Date, hours: OfficeHours): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const weekday = WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''];
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  return (
    weekday !== undefined &&
    hours.officeDays.includes(weekday) &&
    hour >= hours.officeStartHour &&
    hour < hours.officeEndHour
  );
}

export function findOffHoursReads(
  hourly: HourlyReads[],
  settings: OfficeHours & Pick<AnomalySettings, 'offHoursMinimumReads'>,
): OffHoursReads[] {
  const groups = new Map<string, OffHoursReads>();
  for (const entry of hourly) {
    if (entry.reads === 0 || isOfficeHour(entry.hour, settings)) continue;
    const day = localDay(entry.hour, settings.timeZone);
    const key = `${entry.organisationId}|${entry.serviceId ?? ''}|${day}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        organisationId: entry.organisationId,
        serviceId: entry.serviceId,
        day,
        reads: entry.reads,
        firstHour: entry.hour,
        lastHour: entry.hour,
      });
      continue;
    }
    group.reads += entry.reads;
    if (entry.hour < group.firstHour) group.firstHour = entry.hour;
    if (entry.hour > group.lastHour) group.lastHour = entry.hour;
  }
  return [...groups.values()]
    .filter((g) => g.reads >= settings.offHoursMinimumReads)
    .sort((a, b) => (a.day === b.day ? b.reads - a.reads : a.day < b.day ? -1 : 1));
}
