// When a failed notice is tried again: exponential backoff with jitter, capped. Jitter
// spreads the retries of many notices that failed together (one receiver down) so they do
// not all return at the same instant; the cap keeps a long outage from pushing the next
// attempt days away. Pure, so the schedule is tested on its own.

export interface BackoffPolicy {
  /** The delay after the first failed attempt. */
  baseMs: number;
  /** No delay is ever longer than this, jitter included. */
  maxMs: number;
  /** ± this fraction of the nominal delay, e.g. 0.2 for ±20 %. */
  jitter: number;
}

export const NOTICE_BACKOFF: BackoffPolicy = {
  baseMs: 30_000,
  maxMs: 6 * 60 * 60 * 1000,
  jitter: 0.2,
};

/**
 * The delay before the next attempt after `failedAttempts` attempts have failed (1 for the
 * first failure): baseMs · 2^(failedAttempts − 1), ± jitter, never above maxMs.
 * `random` returns a number in [0, 1), as Math.random does.
 */
export function computeRetryDelay(
  failedAttempts: number,
  { random = Math.random, policy = NOTICE_BACKOFF }: { random?: () => number; policy?: BackoffPolicy } = {},
): number {
  const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
  // 2 ** 1100 is Infinity, which min() turns into the cap: no overflow to worry about.
  const nominal = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(nominal * factor, policy.maxMs));
}
