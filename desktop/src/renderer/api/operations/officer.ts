import type { MeQuery, OfficerLockoutsQuery } from '../generated/graphql.js';
import { MeDocument, OfficerLockoutsDocument } from '../generated/graphql.js';

export type Me = MeQuery['me'];
export type OfficerLockoutView = OfficerLockoutsQuery['officerLockouts'][number];

export const ME = MeDocument;
export const OFFICER_LOCKOUTS = OfficerLockoutsDocument;
