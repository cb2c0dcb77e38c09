// Calendar days in Europe/Helsinki, the zone the dashboard API counts days in.
const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function helsinkiDay(date: Date): string {
  return DAY.format(date);
}

/** The last `count` days, ending today, as YYYY-MM-DD. */
export function lastDays(count: number, now = new Date()): { from: string; to: string } {
  return { from: helsinkiDay(new Date(now.getTime() - (count - 1) * 86_400_000)), to: helsinkiDay(now) };
}
