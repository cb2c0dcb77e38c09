// An organisation whose reads on a day are far above its usual level: more than the mean
// plus `spikeSigma` standard deviations of the preceding window, and at least a minimum so a
// quiet organisation's ten reads are not an alarm. Days without reads count as zero.
import { addDays } from '../dashboard/days.js';
import type { AnomalySettings } from './settings.js';

export interface DailyReads {
  organisationId: string;
  day: string;
  reads: number;
}

export interface ReadSpike {
  organisationId: string;
  day: string;
  reads: number;
  baselineMean: number;
  baselineStdDev: number;
  threshold: number;
}

export function findReadSpikes(
  history: DailyReads[],
  days: readonly string[],
  settings: Pick<AnomalySettings, 'spikeWindowDays' | 'spikeSigma' | 'spikeMinimumReads'>,
): ReadSpike[] {
  const byOrganisation = new Map<string, Map<string, number>>();
  for (const entry of history) {
    const series = byOrganisation.get(entry.organisationId) ?? new Map<string, number>();
    series.set(entry.day, (series.get(entry.day) ?? 0) + entry.reads);
    byOrganisation.set(entry.organisationId, series);
  }
  const spikes: ReadSpike[] = [];
  for (const [organisationId, series] of byOrganisation) {
    for (const day of days) {
      const reads = series.get(day) ?? 0;
      if (reads < settings.spikeMinimumReads) continue;
      const window = Array.from({ length: settings.spikeWindowDays }, (_, i) => series.get(addDays(day, -1 - i)) ?? 0);
      const mean = window.reduce((sum, n) => sum + n, 0) / window.length;
      const variance = window.reduce((sum, n) => sum + (n - mean) ** 2, 0) / window.length;
      const stdDev = Math.sqrt(variance);
      const threshold = mean + settings.spikeSigma * stdDev;
      if (reads > threshold) {
        spikes.push({ organisationId, day, reads, baselineMean: mean, baselineStdDev: stdDev, threshold });
      }
    }
  }
  return spikes.sort((a, b) => (a.day === b.day ? b.reads - a.reads : a.day < b.day ? -1 : 1));
}
