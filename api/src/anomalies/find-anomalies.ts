// Loads the counts for a range of days and runs every detector over them.
import type { PrismaClient } from '@lupa/db';
import { addDays, listDays } from '../dashboard/days.js';
import { type DayRange, loadAddressReads, loadDailyReads, loadHourlyReads } from '../dashboard/load-activity.js';
import { type AddressCluster, findAddressClusters } from './address-clusters.js';
import { findOffHoursReads, type OffHoursReads } from './off-hours.js';
import { findReadSpikes, type ReadSpike } from './read-spikes.js';
import type { AnomalySettings } from './settings.js';

export type AnomalyFlag =
  | ({ kind: 'READ_SPIKE' } & ReadSpike)
  | ({ kind: 'OFF_HOURS' } & OffHoursReads)
  | ({ kind: 'ADDRESS_CLUSTER' } & AddressCluster);

export async function findAnomalies(
  prisma: PrismaClient,
  range: { first: string; last: string },
  settings: AnomalySettings,
): Promise<AnomalyFlag[]> {
  const dayRange: DayRange = { ...range, timeZone: settings.timeZone };
  // The spike baseline needs the window before the first day too.
  const history: DayRange = { ...dayRange, first: addDays(range.first, -settings.spikeWindowDays) };
  const [daily, hourly, addresses] = await Promise.all([
    loadDailyReads(prisma, history),
    loadHourlyReads(prisma, dayRange),
    loadAddressReads(prisma, dayRange, settings.addressMinimumResidents),
  ]);
  const flags: AnomalyFlag[] = [
    ...findReadSpikes(daily, listDays(range.first, range.last), settings).map((s) => ({
      kind: 'READ_SPIKE' as const,
      ...s,
    })),
    ...findOffHoursReads(hourly, settings).map((o) => ({ kind: 'OFF_HOURS' as const, ...o })),
    ...findAddressClusters(addresses, settings).map((a) => ({ kind: 'ADDRESS_CLUSTER' as const, ...a })),
  ];
  return flags.sort((a, b) => (a.day === b.day ? a.kind.localeCompare(b.kind) : a.day < b.day ? 1 : -1));
}
