// Anomaly flags for officers: pure detectors over counts the database grouped.
export { type AddressCluster, type AddressReads, findAddressClusters, normaliseAddress } from './address-clusters.js';
export { findOffHoursReads, type HourlyReads, isOfficeHour, type OffHoursReads } from './off-hours.js';
export { type DailyReads, findReadSpikes, type ReadSpike } from './read-spikes.js';
export { type AnomalySettings, DEFAULT_ANOMALY_SETTINGS } from './settings.js';
