import type { ResidentLookupQuery, ResidentLookupQueryVariables } from '../generated/graphql.js';
import { ResidentLookupDocument } from '../generated/graphql.js';

type Lookup = NonNullable<ResidentLookupQuery['residentLookup']>;
export type LookedUpResident = Lookup['resident'];
export type ConsentHistoryView = Lookup['consents'][number];
export type AccessLogView = Lookup['accessLog'][number];
export type ResidentLookupVariables = ResidentLookupQueryVariables;

export const RESIDENT_LOOKUP = ResidentLookupDocument;
