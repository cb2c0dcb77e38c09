import type {
  ConsentsOverTimeQuery,
  NoticesAndAnomaliesQuery,
  ReadsPerOrganisationQuery,
} from '../generated/graphql.js';
import {
  ConsentsOverTimeDocument,
  NoticesAndAnomaliesDocument,
  ReadsPerOrganisationDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type ConsentSeries = NodeOf<ConsentsOverTimeQuery['consentsOverTime']>;
export type ReadSeries = NodeOf<ReadsPerOrganisationQuery['readsPerOrganisation']>;
export type AnomalyFlagView = NodeOf<NoticesAndAnomaliesQuery['anomalies']>;

export const CONSENTS_OVER_TIME = ConsentsOverTimeDocument;
export const READS_PER_ORGANISATION = ReadsPerOrganisationDocument;
export const NOTICES_AND_ANOMALIES = NoticesAndAnomaliesDocument;
