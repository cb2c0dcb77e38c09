// The background loop that forgets ended sign-in throttle windows. A row whose window and
// block have passed holds nothing the throttle needs, and a hashed (e-mail, client) key kept
// for ever is one more thing to guess at; idle rows would otherwise never leave, since the
// prune no longer runs inside sign-ins (sign-in-throttle.ts says why). Every API process may
// run one: the prune skips locked rows, so sweeps and sign-ins never wait on each other.
import type { PrismaClient } from '@lupa/db';
import { type PeriodicJob, startPeriodicJob } from '../background/periodic-job.js';
import type { Logger } from '../log/index.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export const DEFAULT_THROTTLE_SWEEP_INTERVAL_MS = 60_000;
const BATCH_SIZE = 500;

/** One prune; resolves true when a full batch went, so more may be waiting. */
export async function sweepSignInThrottle(options: {
  prisma: PrismaClient;
  throttle: SignInThrottle;
  now: Date;
}): Promise<boolean> {
  const pruned = await options.throttle.pruneEnded(options.prisma, options.now, BATCH_SIZE);
  return pruned >= BATCH_SIZE;
}

export function startSignInThrottleSweep(options: {
  prisma: PrismaClient;
  throttle: SignInThrottle;
  log: Logger;
  intervalMs?: number;
  clock?: () => Date;
}): PeriodicJob {
  const clock = options.clock ?? (() => new Date());
  return startPeriodicJob({
    name: 'sign-in throttle sweep',
    log: options.log,
    intervalMs: options.intervalMs ?? DEFAULT_THROTTLE_SWEEP_INTERVAL_MS,
    run: () => sweepSignInThrottle({ prisma: options.prisma, throttle: options.throttle, now: clock() }),
  });
}
