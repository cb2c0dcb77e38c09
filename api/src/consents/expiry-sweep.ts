// The background loop that records expiries (expire-consents.ts) as their dates pass. Every
// API process may run one: the sweep locks the rows it expires with SKIP LOCKED.
import type { PrismaClient } from '@lupa/db';
import { type PeriodicJob, startPeriodicJob } from '../background/periodic-job.js';
import type { Logger } from '../log/index.js';
import { expireConsents } from './expire-consents.js';

export const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;
const BATCH_SIZE = 500;

export function startExpirySweep(options: {
  prisma: PrismaClient;
  log: Logger;
  intervalMs?: number;
  clock?: () => Date;
}): PeriodicJob {
  const clock = options.clock ?? (() => new Date());
  return startPeriodicJob({
    name: 'consent expiry sweep',
    log: options.log,
    intervalMs: options.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS,
    run: async () => {
      const result = await expireConsents({ prisma: options.prisma, now: clock(), batchSize: BATCH_SIZE });
      if (result.expired > 0) options.log.info(result, 'consents expired');
      return result.expired >= BATCH_SIZE;
    },
  });
}
