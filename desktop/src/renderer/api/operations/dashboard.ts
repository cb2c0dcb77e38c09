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

export const DASHBOARD = operation<
  {
    consentsOverTime: Connection<ConsentSeries>;
    readsPerOrganisation: Connection<ReadSeries>;
    noticeSummary: { unacknowledged: number; dead: number };
    anomalies: Connection<AnomalyFlagView>;
  },
  { from: string; to: string }
>(
  `query Dashboard($from: String!, $to: String!) {
    consentsOverTime(from: $from, to: $to, first: 100) {
      edges { cursor node { purposeSlug title { fi sv en } points { day granted confirmed withdrawn expired active } } }
      pageInfo { hasNextPage endCursor }
    }
    readsPerOrganisation(from: $from, to: $to, first: 100) {
      edges { cursor node { organisationSlug name { fi sv en } total points { day reads refused } } }
      pageInfo { hasNextPage endCursor }
    }
    noticeSummary { unacknowledged dead }
    anomalies(from: $from, to: $to, first: 100) {
      edges { cursor node { kind day organisationName { fi sv en } serviceName observed message { fi sv en } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);
