// The background loop that delivers notices. Every API process may run one: claiming is
// safe across processes (see claim-due-notices.ts). A run that found a full batch is
// followed at once, so a backlog drains without waiting an interval per batch.
import type { PrismaClient } from '@lupa/db';
import type { HubContext } from '../auth/index.js';
import { type PeriodicJob, startPeriodicJob } from '../background/periodic-job.js';
import type { Logger } from '../log/index.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverDueNoticesInput,
  type DeliveryRunSummary,
  deliverDueNotices,
} from './deliver-due-notices.js';
import type { FetchLike } from './post-notice.js';
import type { WebhookUrlPolicy } from './validate-webhook-url.js';

export const DEFAULT_NOTICE_INTERVAL_MS = 5_000;

export interface NoticeWorkerOptions {
  prisma: PrismaClient;
  hub: HubContext;
  log: Logger;
  intervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  fetch?: FetchLike;
  /** Which receiver addresses delivery may connect to (webhookUrlPolicy(config)). */
  urlPolicy?: WebhookUrlPolicy;
  clock?: () => Date;
  /** The run itself; deliverDueNotices unless a test substitutes its own. */
  deliver?: (input: DeliverDueNoticesInput) => Promise<DeliveryRunSummary>;
}

export type NoticeWorker = PeriodicJob;

export function startNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const deliver = options.deliver ?? deliverDueNotices;
  const clock = options.clock ?? (() => new Date());
  return startPeriodicJob({
    name: 'notice delivery',
    log: options.log,
    intervalMs: options.intervalMs ?? DEFAULT_NOTICE_INTERVAL_MS,
    run: async () => {
      const summary = await deliver({
        prisma: options.prisma,
        hub: options.hub,
        log: options.log,
        now: clock(),
        batchSize,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        fetch: options.fetch,
        urlPolicy: options.urlPolicy,
      });
      if (summary.claimed > 0) options.log.info({ ...summary }, 'notice delivery run');
      return summary.claimed >= batchSize;
    },
  });
}
