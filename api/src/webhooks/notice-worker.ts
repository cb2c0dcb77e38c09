// The background loop that delivers notices. Every API process may run one: claiming is
// safe across processes (see claim-due-notices.ts). The next run is scheduled only after
// the previous one has ended, so runs never overlap within a process; a run that found a
// full batch is followed at once, so a backlog drains without waiting an interval per batch.
import type { PrismaClient } from '@lupa/db';
import type { HubContext } from '../auth/index.js';
import type { Logger } from '../log/index.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_ATTEMPTS,
  type DeliverDueNoticesInput,
  type DeliveryRunSummary,
  deliverDueNotices,
} from './deliver-due-notices.js';
import type { FetchLike } from './post-notice.js';

export const DEFAULT_NOTICE_INTERVAL_MS = 5_000;

export interface NoticeWorkerOptions {
  prisma: PrismaClient;
  hub: HubContext;
  log: Logger;
  intervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  fetch?: FetchLike;
  clock?: () => Date;
  /** The run itself; deliverDueNotices unless a test substitutes its own. */
  deliver?: (input: DeliverDueNoticesInput) => Promise<DeliveryRunSummary>;
}

export interface NoticeWorker {
  /** Stops scheduling and resolves once the run in progress, if any, has ended. */
  stop(): Promise<void>;
}

export function startNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const intervalMs = options.intervalMs ?? DEFAULT_NOTICE_INTERVAL_MS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const deliver = options.deliver ?? deliverDueNotices;
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const runOnce = async (): Promise<void> => {
    let backlog = false;
    try {
      const summary = await deliver({
        prisma: options.prisma,
        hub: options.hub,
        log: options.log,
        now: clock(),
        batchSize,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        fetch: options.fetch,
      });
      if (summary.claimed > 0) options.log.info({ ...summary }, 'notice delivery run');
      backlog = summary.claimed >= batchSize;
    } catch (error) {
      // The error's class and code only: driver messages can quote the statement's values,
      // and those include notice payloads that name residents.
      options.log.error({ error: describeError(error) }, 'notice delivery run failed');
    }
    schedule(backlog ? 0 : intervalMs);
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      current = runOnce();
    }, delayMs);
    // The loop alone never keeps the process alive; the server does.
    timer.unref();
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

function describeError(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? { name: error.name, code } : { name: error.name };
}
