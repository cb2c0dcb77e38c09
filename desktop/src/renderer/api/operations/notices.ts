import { operation } from '../operation.js';
import type { Connection } from './common.js';

export interface NoticeSummary {
  id: string;
  kind: 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED';
  status: 'PENDING' | 'DELIVERED' | 'DEAD';
  createdAt: string;
  attempts: number;
  service: { name: string };
}

export const UNACKNOWLEDGED_NOTICES = operation<{ notices: Connection<NoticeSummary> }>(
  `query UnacknowledgedNotices {
    notices(first: 100, unacknowledged: true) {
      edges { cursor node { id kind status createdAt attempts service { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
);
