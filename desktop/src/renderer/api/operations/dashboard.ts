import type {
  ConsentsOverTimeQuery,
  NoticesAndAnomaliesQuery,
  ReadsPerOrganisationQuery,
  RecentAdministrationQuery,
} from '../generated/graphql.js';
import {
  ConsentsOverTimeDocument,
  NoticesAndAnomaliesDocument,
  ReadsPerOrganisationDocument,
  RecentAdministrationDocument,
} from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type ConsentSeries = NodeOf<ConsentsOverTimeQuery['consentsOverTime']>;
export type ReadSeries = NodeOf<ReadsPerOrganisationQuery['readsPerOrganisation']>;
export type AnomalyFlagView = NodeOf<NoticesAndAnomaliesQuery['anomalies']>;
export type AdministrationEventView = NodeOf<RecentAdministrationQuery['auditEvents']>;

export const CONSENTS_OVER_TIME = ConsentsOverTimeDocument;
export const READS_PER_ORGANISATION = ReadsPerOrganisationDocument;
export const NOTICES_AND_ANOMALIES = NoticesAndAnomaliesDocument;
export const RECENT_ADMINISTRATION = RecentAdministrationDocument;
