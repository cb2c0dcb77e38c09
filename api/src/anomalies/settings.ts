// What counts as unusual. Defaults suit a municipality of tens of thousands of residents;
// an officer can tighten or loosen them per query.
import { DEFAULT_TIME_ZONE } from '../dashboard/days.js';

export interface AnomalySettings {
  /** Office hours are judged in this zone. */
  timeZone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
  officeDays: readonly number[];
  /** First office hour (inclusive) and the hour office ends (exclusive), local time. */
  officeStartHour: number;
  officeEndHour: number;
  /** Fewer off-hours reads than this in a day are not flagged (a nightly job may read a few). */
  offHoursMinimumReads: number;
  /** Days of history a day's reads are compared with. */
  spikeWindowDays: number;
  /** How many standard deviations above the mean is "far above". */
  spikeSigma: number;
  /** A day below this many reads is never a spike, however quiet its history. */
  spikeMinimumReads: number;
  /** Distinct residents of one address read by one actor in a day that raise a flag. */
  addressMinimumResidents: number;
}

export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = {
  timeZone: DEFAULT_TIME_ZONE,
  officeDays: [1, 2, 3, 4, 5],
  officeStartHour: 7,
  officeEndHour: 18,
  offHoursMinimumReads: 1,
  spikeWindowDays: 28,
  spikeSigma: 3,
  spikeMinimumReads: 50,
  // A household rarely has more than six members; a daycare reading a family of five is normal.
  addressMinimumResidents: 8,
};
