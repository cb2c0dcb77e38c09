// Turns grouped counts into one point per day for a chart: days without events are zeros,
// not gaps, and the consents in force are carried from day to day.
import type { ConsentEventCount, DailyOrganisationReads } from './load-activity.js';

export interface ConsentDayPoint {
  day: string;
  granted: number;
  confirmed: number;
  withdrawn: number;
  expired: number;
  /** Consents in force at the end of the day. */
  active: number;
}

export interface ConsentSeries {
  purposeId: string;
  points: ConsentDayPoint[];
}

export function buildConsentSeries(
  activeAtStart: { purposeId: string; active: number }[],
  counts: ConsentEventCount[],
  days: readonly string[],
): ConsentSeries[] {
  const purposeIds = [...new Set([...activeAtStart.map((a) => a.purposeId), ...counts.map((c) => c.purposeId)])].sort();
  const countOf = new Map(counts.map((c) => [`${c.purposeId}|${c.day}|${c.type}`, c.count]));
  const startOf = new Map(activeAtStart.map((a) => [a.purposeId, a.active]));
  return purposeIds.map((purposeId) => {
    let active = startOf.get(purposeId) ?? 0;
    const points = days.map((day) => {
      const get = (type: ConsentEventCount['type']) => countOf.get(`${purposeId}|${day}|${type}`) ?? 0;
      const point = {
        day,
        granted: get('GRANTED'),
        confirmed: get('CONFIRMED'),
        withdrawn: get('WITHDRAWN'),
        expired: get('EXPIRED'),
      };
      active += point.granted - point.withdrawn - point.expired;
      return { ...point, active };
    });
    return { purposeId, points };
  });
}

export interface ReadDayPoint {
  day: string;
  reads: number;
  refused: number;
}

export interface ReadSeries {
  organisationId: string;
  points: ReadDayPoint[];
  total: number;
}

export function buildReadSeries(rows: DailyOrganisationReads[], days: readonly string[]): ReadSeries[] {
  const byOrganisation = new Map<string, Map<string, DailyOrganisationReads>>();
  for (const row of rows) {
    const series = byOrganisation.get(row.organisationId) ?? new Map();
    series.set(row.day, row);
    byOrganisation.set(row.organisationId, series);
  }
  return [...byOrganisation.entries()]
    .map(([organisationId, series]) => {
      const points = days.map((day) => ({
        day,
        reads: series.get(day)?.reads ?? 0,
        refused: series.get(day)?.refused ?? 0,
      }));
      return { organisationId, points, total: points.reduce((sum, p) => sum + p.reads, 0) };
    })
    .sort((a, b) => b.total - a.total || (a.organisationId < b.organisationId ? -1 : 1));
}
