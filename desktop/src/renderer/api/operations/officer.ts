import type { MeQuery } from '../generated/graphql.js';
import { MeDocument } from '../generated/graphql.js';

export type Me = MeQuery['me'];

export const ME = MeDocument;
