import { operation } from '../operation.js';
import type { Connection, Localized } from './common.js';

export interface ConsentSeries {
  purposeSlug: string;
  title: Localized | null;
  points: { day: string; granted: number; confirmed: number; withdrawn: number; expired: number; active: number }[];
}

export interface ReadSeries {
  organisationSlug: string;
  name: Localized;
  total: number;
  points: { day: string; reads: number; refused: number }[];
}

export interface AnomalyFlagView {
  kind: 'READ_SPIKE' | 'OFF_HOURS' | 'ADDRESS_CLUSTER';
  day: string;
  organisationName: Localized | null;
  serviceName: string | null;
  observed: number;
  message: Localized;
}

// Separate queries, each within the API's cost limit, so each part of the dashboard
// loads (and fails) on its own.
export const CONSENTS_OVER_TIME = operation<
  { consentsOverTime: Connection<ConsentSeries> },
  { from: string; to: string }
>(
  `query ConsentsOverTime($from: String!, $to: String!) {
    consentsOverTime(from: $from, to: $to, first: 50) {
      edges { cursor node { purposeSlug title { fi sv en } points { day granted confirmed withdrawn expired active } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export const READS_PER_ORGANISATION = operation<
  { readsPerOrganisation: Connection<ReadSeries> },
  { from: string; to: string }
>(
  `query ReadsPerOrganisation($from: String!, $to: String!) {
    readsPerOrganisation(from: $from, to: $to, first: 50) {
      edges { cursor node { organisationSlug name { fi sv en } total points { day reads refused } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);

export const NOTICES_AND_ANOMALIES = operation<
  { noticeSummary: { unacknowledged: number; dead: number }; anomalies: Connection<AnomalyFlagView> },
  { from: string; to: string }
>(
  `query NoticesAndAnomalies($from: String!, $to: String!) {
    noticeSummary { unacknowledged dead }
    anomalies(from: $from, to: $to, first: 50) {
      edges { cursor node { kind day organisationName { fi sv en } serviceName observed message { fi sv en } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);
