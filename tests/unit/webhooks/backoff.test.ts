// The retry schedule of notices to recipients: 30 s doubling per failure, ±20 % jitter,
// never more than 6 h.
import { describe, expect, it } from 'vitest';
import { computeRetryDelay, NOTICE_BACKOFF } from '../../../api/src/webhooks/backoff.js';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const middle = () => 0.5; // jitter factor exactly 1
const lowest = () => 0; // −20 %
const highest = () => 1 - Number.EPSILON; // just under +20 %

describe('computeRetryDelay', () => {
  it('doubles from 30 s with each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => computeRetryDelay(n, { random: middle }))).toEqual([
      30 * SECOND,
      60 * SECOND,
      120 * SECOND,
      240 * SECOND,
      480 * SECOND,
      960 * SECOND,
      1920 * SECOND,
      3840 * SECOND,
    ]);
  });

  it('spreads each delay by at most ±20 %', () => {
    expect(computeRetryDelay(1, { random: lowest })).toBe(24 * SECOND);
    expect(computeRetryDelay(1, { random: highest })).toBe(36 * SECOND);
    expect(computeRetryDelay(3, { random: lowest })).toBe(96 * SECOND);
    expect(computeRetryDelay(3, { random: highest })).toBe(144 * SECOND);
  });

  it('keeps the next retry later than the previous one even at the jitter extremes', () => {
    for (let n = 1; n < 9; n++) {
      expect(computeRetryDelay(n + 1, { random: lowest })).toBeGreaterThan(computeRetryDelay(n, { random: highest }));
    }
  });

  it('never waits longer than 6 h, jitter included', () => {
    expect(NOTICE_BACKOFF.maxMs).toBe(6 * HOUR);
    // 30 s · 2^9 = 4.27 h is still under the cap; 2^10 would be 8.5 h.
    expect(computeRetryDelay(10, { random: middle })).toBe(30 * SECOND * 2 ** 9);
    expect(computeRetryDelay(11, { random: middle })).toBe(6 * HOUR);
    expect(computeRetryDelay(11, { random: highest })).toBe(6 * HOUR);
    expect(computeRetryDelay(11, { random: lowest })).toBe(4.8 * HOUR);
    // Absurd attempt counts overflow 2^n to Infinity, which the cap absorbs.
    expect(computeRetryDelay(5000, { random: highest })).toBe(6 * HOUR);
  });

  it('treats a count below one as the first failure', () => {
    expect(computeRetryDelay(0, { random: middle })).toBe(30 * SECOND);
    expect(computeRetryDelay(-3, { random: middle })).toBe(30 * SECOND);
  });

  it('uses Math.random by default and stays within the band', () => {
    for (let i = 0; i < 200; i++) {
      const delay = computeRetryDelay(2);
      expect(delay).toBeGreaterThanOrEqual(48 * SECOND);
      expect(delay).toBeLessThanOrEqual(72 * SECOND);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});
