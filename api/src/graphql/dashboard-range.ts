// The day range every dashboard query takes: local calendar days, both ends included, at
// most DASHBOARD_MAX_DAYS long, so every series a query returns is bounded by construction.
import { z } from 'zod';
import { isDay, listDays } from '../dashboard/days.js';
import { LupaValidationError } from './errors-base.js';

export const DASHBOARD_MAX_DAYS = 92;

export const ZDaySchema = z.string().refine(isDay, 'must be a calendar day, YYYY-MM-DD');

export function parseDayRange(from: string, to: string): { first: string; last: string; days: string[] } {
  if (to < from) throw new LupaValidationError([{ path: 'to', message: 'must not be before from' }]);
  const days = listDays(from, to);
  if (days.length > DASHBOARD_MAX_DAYS) {
    throw new LupaValidationError([{ path: 'to', message: `a range covers at most ${DASHBOARD_MAX_DAYS} days` }]);
  }
  return { first: from, last: to, days };
}
