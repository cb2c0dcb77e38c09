import type { UnacknowledgedNoticesQuery } from '../generated/graphql.js';
import { UnacknowledgedNoticesDocument } from '../generated/graphql.js';
import type { NodeOf } from '../operation.js';

export type NoticeSummary = NodeOf<UnacknowledgedNoticesQuery['notices']>;

export const UNACKNOWLEDGED_NOTICES = UnacknowledgedNoticesDocument;
